// The digit score while a generator trains: what a digit classifier (the judge, LeNet-5 at 99% on MNIST)
// makes of the GAN's samples or of the autoencoder's reconstructions, so quality is seen rising, not only
// the losses.
import { useTranslation } from 'react-i18next';
import { DIGITS } from '../../training/generative/scores';
import { GenerateChart } from './GenerateCharts';
import type { GenerateView } from './generate-state';

export function DigitScoreView({ view }: { view: GenerateView }) {
  const { t } = useTranslation();
  const s = view.score;
  if (!s) return null;
  const most = Math.max(...s.histogram, 1);
  // A conditional GAN's `recognised` is the share of samples the judge calls the digit asked for.
  const conditional = view.mode === 'gan' && view.classes > 0;
  const autoencoder = s.recognised !== undefined && !conditional;
  return (
    <section className="digit-score" aria-label={t('digitScoreView.digitScore')}>
      <p data-testid="digit-score">
        {autoencoder ? (
          <>
            <strong>{t('digitScoreView.digitScore2', { value: (100 * s.recognised!).toFixed(0) })}</strong>{' '}
            {t('digitScoreView.ofTestReconstructionsAre', { value: s.count, step: s.step })}
          </>
        ) : (
          <>
            <strong>
              {t('digitScoreView.digitScore3', { inceptionScore: s.inceptionScore.toFixed(2) })}
            </strong>{' '}
            {t('digitScoreView.of10TheInception', {
              value: s.count,
              value2: (100 * s.confidence).toFixed(0),
              step: s.step,
            })}
            {conditional && s.recognised !== undefined && (
              <>
                {' '}
                <span data-testid="requested-recognised">
                  {t('digitScoreView.requestedRecognised', { value: (100 * s.recognised).toFixed(0) })}
                </span>
              </>
            )}
          </>
        )}
      </p>
      <div
        className="digit-histogram"
        role="img"
        aria-label={t('digitScoreView.digitsTheJudgeSees', { histogram: s.histogram.join(', ') })}
      >
        {Array.from({ length: DIGITS }, (_, d) => (
          <span key={d} title={t('digitScoreView.lookLikeA', { value: s.histogram[d], d })}>
            <span className="bar" style={{ height: `${(100 * s.histogram[d]) / most}%` }} />
            {d}
          </span>
        ))}
      </div>
      <GenerateChart
        label={t('digitScoreView.digitScore')}
        points={view.scores}
        series={
          autoencoder
            ? [{ key: 'recognised', name: t('digitScoreView.recognised'), colour: '#9467bd' }]
            : conditional
              ? [{ key: 'recognised', name: t('digitScoreView.requested'), colour: '#9467bd' }]
              : [{ key: 'inceptionScore', name: t('digitScoreView.inceptionScore'), colour: '#9467bd' }]
        }
      />
    </section>
  );
}
