// The current figures as large text: test accuracy and loss (from the latest test, the sample evaluated
// while training or the whole test set) and train loss, each labelled for assistive tech.
import { useTranslation } from 'react-i18next';
import { useStore } from '../store/store';

const fmt = (n: number) => n.toLocaleString('en-US');

export function Figures() {
  const { t } = useTranslation();
  const test = useStore((s) => s.testPoints.at(-1) ?? null);
  const trainLoss = useStore((s) => s.latest?.trainLoss ?? null);
  return (
    <div className="figures">
      <div className="figure">
        <span className="figure-label" id="fig-acc">
          {t('figures.testAccuracy')}
        </span>
        <output aria-labelledby="fig-acc" data-testid="test-accuracy">
          {test === null ? '—' : `${(test.accuracy * 100).toFixed(1)}%`}
        </output>
      </div>
      <div className="figure">
        <span className="figure-label" id="fig-test-loss">
          {t('figures.testLoss')}
        </span>
        <output aria-labelledby="fig-test-loss" data-testid="test-loss">
          {test === null ? '—' : test.loss.toFixed(3)}
        </output>
      </div>
      <div className="figure">
        <span className="figure-label" id="fig-loss">
          {t('figures.trainLoss')}
        </span>
        <output aria-labelledby="fig-loss" data-testid="train-loss">
          {trainLoss === null ? '—' : trainLoss.toFixed(3)}
        </output>
      </div>
      {/* Always one line, so the panel below never moves when the first test arrives. */}
      <p className="figures-note muted" data-testid="test-source" data-full={test?.full ?? false}>
        {test === null
          ? ' '
          : test.full
            ? t('figures.testAllTestImages', { images: fmt(test.images), step: fmt(test.step) })
            : t('figures.testAImageSample', { images: fmt(test.images), step: fmt(test.step) })}
      </p>
    </div>
  );
}
