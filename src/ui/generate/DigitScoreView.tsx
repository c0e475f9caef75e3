// The digit score while a generator trains: what a digit classifier (the judge, LeNet-5 at 99% on MNIST)
// makes of the GAN's samples or of the autoencoder's reconstructions, so quality is seen rising, not only
// the losses.
import { DIGITS } from '../../training/generative/scores';
import { GenerateChart } from './GenerateCharts';
import type { GenerateView } from './generateState';

export function DigitScoreView({ view }: { view: GenerateView }) {
  const s = view.score;
  if (!s) return null;
  const most = Math.max(...s.histogram, 1);
  const autoencoder = s.recognised !== undefined;
  return (
    <section className="digit-score" aria-label="Digit score">
      <p data-testid="digit-score">
        {autoencoder ? (
          <>
            <strong>Digit score: {(100 * s.recognised!).toFixed(0)}%</strong> of {s.count} test
            reconstructions are recognised as their digit by a LeNet-5 judge (99% on real test digits), step{' '}
            {s.step}.
          </>
        ) : (
          <>
            <strong>Digit score: {s.inceptionScore.toFixed(2)}</strong> of 10 (the inception score of{' '}
            {s.count} samples: about 9.7 for real digits, 1 for noise or one digit only) · judge&apos;s
            confidence {(100 * s.confidence).toFixed(0)}%, step {s.step}.
          </>
        )}
      </p>
      <div
        className="digit-histogram"
        role="img"
        aria-label={`Digits the judge sees: ${s.histogram.join(', ')}`}
      >
        {Array.from({ length: DIGITS }, (_, d) => (
          <span key={d} title={`${s.histogram[d]} look like a ${d}`}>
            <span className="bar" style={{ height: `${(100 * s.histogram[d]) / most}%` }} />
            {d}
          </span>
        ))}
      </div>
      <GenerateChart
        label="Digit score"
        points={view.scores}
        series={
          autoencoder
            ? [{ key: 'recognised', name: 'recognised (%)', colour: '#9467bd' }]
            : [{ key: 'inceptionScore', name: 'inception score', colour: '#9467bd' }]
        }
      />
    </section>
  );
}
