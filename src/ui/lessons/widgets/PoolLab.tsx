// Lesson 2's bench: max or average pooling of a real feature map (the digit through the edge kernel).
import { useTranslation } from 'react-i18next';
import { useEffect, useMemo, useState } from 'react';
import { DIGIT_SIZE, lessonDigit } from '../../../lessons/digit';
import { conv2d, KERNELS, pool2d } from '../../../lessons/maths';
import { PixelCanvas } from '../../inspect/PixelCanvas';
import { kept, keptNumber, useClassroom } from '../classroom-store';
import { NumberField } from './NumberField';
import { signedColour } from './maps';

const featureMap = conv2d(
  { data: lessonDigit(), height: DIGIT_SIZE, width: DIGIT_SIZE },
  KERNELS.edge,
  3,
  1,
  1,
);

export function PoolLab() {
  const { t } = useTranslation();
  // Choices carry over from the previous step, so each step starts where the learner left the bench.
  const [mode, setMode] = useState<'max' | 'avg'>(() => (kept('pool', 'mode') === 'max' ? 'max' : 'avg'));
  const [size, setSize] = useState(() => keptNumber('pool', 'size', 2));
  const report = useClassroom((s) => s.report);
  const pooled = useMemo(() => pool2d(featureMap, size, mode), [size, mode]);
  useEffect(
    () => report('pool', { mode, size, outSize: pooled.height }),
    [report, mode, size, pooled.height],
  );
  return (
    <div className="lesson-widget" aria-label={t('poolLab.poolingBench')} role="group">
      <div className="lesson-controls">
        <label className="lesson-field">
          {t('poolLab.pooling')}
          <select
            aria-label={t('poolLab.pooling')}
            value={mode}
            onChange={(e) => setMode(e.target.value === 'max' ? 'max' : 'avg')}
          >
            <option value="max">{t('poolLab.max')}</option>
            <option value="avg">{t('poolLab.average')}</option>
          </select>
        </label>
        <NumberField label={t('poolLab.window')} value={size} min={1} max={7} onChange={setSize} />
      </div>
      <div className="lesson-maps">
        <PixelCanvas
          values={featureMap.data}
          h={28}
          w={28}
          colour={signedColour(featureMap.data)}
          label={t('poolLab.featureMapTheDigit')}
          zoom={3}
        />
        <PixelCanvas
          values={pooled.data}
          h={pooled.height}
          w={pooled.width}
          colour={signedColour(pooled.data)}
          label={t('poolLab.afterPooling', { mode })}
          testId="pool-output"
          zoom={84 / pooled.width}
        />
      </div>
      <p data-testid="pool-shape">
        1×28×28 → {mode === 'max' ? 'MaxPool2d' : 'AvgPool2d'}({size}) → 1×{pooled.height}×{pooled.width}: ⌊28
        / {size}⌋ = {pooled.height}
      </p>
    </div>
  );
}
