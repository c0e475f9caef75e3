// Train and test accuracy over steps, in percent: train as its moving average (one line fewer to draw),
// test from the sample evaluated every few seconds of training, with a large dot at each evaluation of the
// whole test set (epoch ends, Evaluate).
import { useTranslation } from 'react-i18next';
import { useStore } from '../store/store';
import { StepCurves, type CurveKeys } from './StepCurves';
import { useThrottled } from './useThrottled';

const KEYS: CurveKeys = {
  smoothed: 'smoothedAccuracy',
  test: 'accuracy',
  scale: 100,
  digits: 1,
  yRange: [0, 100],
};

export function AccuracyChart() {
  const { t } = useTranslation();
  const train = useThrottled(useStore((s) => s.trainPoints));
  const test = useThrottled(useStore((s) => s.testPoints));
  return (
    <figure className="chart" aria-label={t('accuracyChart.accuracyChart')}>
      <figcaption>
        {t('accuracyChart.accuracy')} <span className="key-train">{t('accuracyChart.train')}</span>,{' '}
        <span className="key-test">{t('accuracyChart.test')}</span>
        <span className="chart-note" title={t('accuracyChart.noteTitle')}>
          {t('accuracyChart.note')}
        </span>
      </figcaption>
      <div
        className="chart-box"
        data-testid="accuracy-chart"
        data-points={train.length}
        data-test-points={test.length}
      >
        <StepCurves train={train} test={test} keys={KEYS} />
      </div>
    </figure>
  );
}
