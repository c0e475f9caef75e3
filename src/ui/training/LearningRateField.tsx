// Learning rate on a log scale (1e-5 .. 1) with an exact number beside it; editable while training.
import { useTranslation } from 'react-i18next';
import { useState } from 'react';

const MIN_EXP = -5;
const MAX_EXP = 0;

export function LearningRateField({ value, onChange }: { value: number; onChange: (lr: number) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
  const exp = Math.log10(value);
  return (
    <div className="param-field lr-field">
      <label htmlFor="lr-number">{t('learningRateField.learningRate')}</label>
      <input
        type="range"
        aria-label={t('learningRateField.learningRateLogScale')}
        aria-valuetext={String(value)}
        min={MIN_EXP}
        max={MAX_EXP}
        step={0.05}
        value={Number.isFinite(exp) ? Math.min(MAX_EXP, Math.max(MIN_EXP, exp)) : MIN_EXP}
        onChange={(e) => onChange(Number((10 ** Number(e.target.value)).toPrecision(2)))}
      />
      <input
        id="lr-number"
        type="number"
        step="any"
        min={0}
        value={draft ?? String(value)}
        onChange={(e) => {
          setDraft(e.target.value);
          const v = Number(e.target.value);
          if (e.target.value.trim() !== '' && Number.isFinite(v) && v > 0) onChange(v);
        }}
        onBlur={() => setDraft(null)}
      />
    </div>
  );
}
