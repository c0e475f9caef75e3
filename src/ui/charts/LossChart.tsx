// Train and test loss over steps. The series are already bounded; the chart redraws at most every
// CHART_INTERVAL_MS.
import { useTranslation } from 'react-i18next';
import { useStore } from '../store/store';
import { StepCurves, type CurveKeys } from './StepCurves';
import { useThrottled } from './useThrottled';

const KEYS: CurveKeys = { raw: 'loss', smoothed: 'smoothed', test: 'loss', scale: 1, digits: 3 };

export function LossChart() {
  const { t } = useTranslation();
  const train = useThrottled(useStore((s) => s.trainPoints));
  const test = useThrottled(useStore((s) => s.testPoints));
  return (
    <figure className="chart" aria-label={t('lossChart.lossChart')}>
      <figcaption>
        {t('lossChart.loss')} <span className="key-train">{t('lossChart.train')}</span>,{' '}
        <span className="key-test">{t('lossChart.test')}</span>
      </figcaption>
      <div
        className="chart-box"
        data-testid="loss-chart"
        data-points={train.length}
        data-test-points={test.length}
      >
        <StepCurves train={train} test={test} keys={KEYS} />
      </div>
    </figure>
  );
}
