// Lesson 2's bench: max or average pooling of a real feature map (the digit through the edge kernel).
import { useEffect, useMemo, useState } from 'react';
import { DIGIT_SIZE, lessonDigit } from '../../../lessons/digit';
import { conv2d, KERNELS, pool2d } from '../../../lessons/maths';
import { PixelCanvas } from '../../inspect/PixelCanvas';
import { kept, keptNumber, useClassroom } from '../classroomStore';
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
    <div className="lesson-widget" aria-label="Pooling bench" role="group">
      <div className="lesson-controls">
        <label className="lesson-field">
          Pooling
          <select
            aria-label="Pooling"
            value={mode}
            onChange={(e) => setMode(e.target.value === 'max' ? 'max' : 'avg')}
          >
            <option value="max">max</option>
            <option value="avg">average</option>
          </select>
        </label>
        <NumberField label="Window" value={size} min={1} max={7} onChange={setSize} />
      </div>
      <div className="lesson-maps">
        <PixelCanvas
          values={featureMap.data}
          h={28}
          w={28}
          colour={signedColour(featureMap.data)}
          label="Feature map: the digit through the edge kernel"
          zoom={3}
        />
        <PixelCanvas
          values={pooled.data}
          h={pooled.height}
          w={pooled.width}
          colour={signedColour(pooled.data)}
          label={`After ${mode} pooling`}
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
