// Lesson 4's meter: the train accuracy (on the batches the network learns from), the test accuracy (on
// images it never trains on) and the gap between them, live; the gap measured without Dropout is kept, so
// the Dropout step shows both side by side.
import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import { definitionOf } from '../../../layers';
import { accuracyGap } from '../../../lessons/checks';
import { useStore } from '../../store/store';
import { kept, useClassroom } from '../classroom-store';

const percent = (x: number) => `${(100 * x).toFixed(1)}%`;
const points = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)} points`;

export function GapMeter() {
  const { t } = useTranslation();
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
    <div className="lesson-widget" aria-label={t('gapMeter.trainAndTestAccuracy')} role="group">
      <p data-testid="gap-meter">
        {gap === null ? (
          t('gapMeter.trainToMeasureThe')
        ) : (
          <>
            {t('gapMeter.trainAccuracy')} <strong>{percent(trainAccuracy!)}</strong>{' '}
            {t('gapMeter.testAccuracy')} <strong>{percent(testAccuracy!)}</strong> {t('gapMeter.gap')}{' '}
            <strong>{points(gap)}</strong>
          </>
        )}
      </p>
      {dropout && typeof before === 'number' && (
        <p className="muted" data-testid="gap-before">
          {t('gapMeter.withoutDropoutTheGap', { before: points(before) })}
        </p>
      )}
    </div>
  );
}
