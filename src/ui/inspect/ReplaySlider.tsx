// Scrubs the filters and feature maps through training time: one position per stored snapshot, and the
// last position is "live".
import { useTranslation } from 'react-i18next';
import type { ReplayEntry } from '../../training/inspect/types';

export interface ReplaySliderProps {
  history: ReplayEntry[];
  /** Index into history, or null for live. */
  value: number | null;
  onChange: (index: number | null) => void;
}

export function ReplaySlider({ history, value, onChange }: ReplaySliderProps) {
  const { t } = useTranslation();
  const live = history.length;
  const position = value ?? live;
  const entry = value === null ? null : history[value];
  const text = entry
    ? `step ${entry.step}${entry.epochEnd ? ` (end of epoch ${entry.epoch + 1})` : ''}`
    : 'live';
  return (
    <div className="replay">
      <label htmlFor="replay-slider">{t('replaySlider.trainingTime')}</label>
      <input
        id="replay-slider"
        type="range"
        min={0}
        max={live}
        step={1}
        value={Math.min(position, live)}
        disabled={history.length === 0}
        aria-valuetext={text}
        onChange={(e) => {
          const i = e.target.valueAsNumber;
          onChange(i >= live ? null : i);
        }}
      />
      <output htmlFor="replay-slider" data-testid="replay-position">
        {text}
      </output>
      <span className="muted">{t('replaySlider.snapshotsKeptAtMost', { count: history.length })}</span>
    </div>
  );
}
