// Lesson 4's meter: the train accuracy (on the batches the network learns from), the test accuracy (on
// images it never trains on) and the gap between them, live; the gap measured without Dropout is kept, so
// the Dropout step shows both side by side.
import { useEffect } from 'react';
import { definitionOf } from '../../../layers';
import { accuracyGap } from '../../../lessons/checks';
import { useStore } from '../../store/store';
import { kept, useClassroom } from '../classroomStore';

const percent = (x: number) => `${(100 * x).toFixed(1)}%`;
const points = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)} points`;

export function GapMeter() {
  // The latest report's own accuracy, not the smoothed curve, which lags behind a rising accuracy.
  const trainAccuracy = useStore((s) => s.trainPoints.at(-1)?.accuracy ?? null);
  const testAccuracy = useStore((s) => s.testPoints.at(-1)?.accuracy ?? null);
  // A regulariser that acts only while training (Dropout) is what the lesson adds to close the gap.
  const dropout = useStore((s) => s.spec.layers.some((l) => definitionOf(l.kind).traits?.trainingOnly));
  const report = useClassroom((s) => s.report);
  const gap = accuracyGap({ trainAccuracy, testAccuracy });
  useEffect(() => {
    if (gap !== null) report('gap', { [dropout ? 'withDropout' : 'withoutDropout']: gap });
  }, [report, gap, dropout]);
  const before = kept('gap', 'withoutDropout');
  return (
    <div className="lesson-widget" aria-label="Train and test accuracy" role="group">
      <p data-testid="gap-meter">
        {gap === null ? (
          'Train to measure the train and test accuracy.'
        ) : (
          <>
            Train accuracy <strong>{percent(trainAccuracy!)}</strong> · test accuracy{' '}
            <strong>{percent(testAccuracy!)}</strong> · gap <strong>{points(gap)}</strong>
          </>
        )}
      </p>
      {dropout && typeof before === 'number' && (
        <p className="muted" data-testid="gap-before">
          Without Dropout the gap was {points(before)}.
        </p>
      )}
    </div>
  );
}
