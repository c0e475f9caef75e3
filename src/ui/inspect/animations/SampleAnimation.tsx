// A VAE's sampling step on the layer's real values for the first image: value by value, the mean μ and
// σ = exp(½ log σ²) from the input row, the noise ε the next training step draws (read back from its
// output as (z − μ)/σ) and the training code z = μ + σ·ε; when evaluating the code is μ, which is
// what the check recomputes against the engine.
import { useTranslation } from 'react-i18next';
import { useMemo } from 'react';
import { AnimationControls } from './AnimationControls';
import { Bars } from './Bars';
import { CheckLine } from './CheckLine';
import { fmt } from './tensor';
import type { AnimationProps } from './types';
import { useFrames } from './useFrames';

export function SampleAnimation({ data }: AnimationProps) {
  const { t } = useTranslation();
  const input = data.inputs[0].data;
  const d = data.output.data.length;
  const { mu, sigma, z } = useMemo(
    () => ({
      mu: input.slice(0, d),
      sigma: Float32Array.from(input.slice(d, 2 * d), (v) => Math.exp(0.5 * v)),
      z: data.trainOutput.data,
    }),
    [input, d, data.trainOutput],
  );
  const frames = useFrames(d, 600);
  const k = frames.frame;
  const eps = (z[k] - mu[k]) / sigma[k];
  const scale = Math.max(...[...mu, ...z].map(Math.abs), 1e-6);
  return (
    <div className="kernel-animation" aria-label={t('sampleAnimation.samplingAnimation')}>
      <AnimationControls frames={frames} unit="value" position={`code value ${k + 1} of ${d}`} />
      <p className="muted">
        {t('sampleAnimation.expTrainingStepDraws', {
          fmt: fmt(mu[k]),
          fmt2: fmt(input[d + k]),
          fmt3: fmt(sigma[k]),
          step: data.step + 1,
          eps: fmt(eps),
          fmt4: fmt(z[k]),
        })}
      </p>
      <div className="animation-stage">
        <figure>
          <Bars
            values={mu}
            highlight={k}
            scale={scale}
            label={t('sampleAnimation.theMeans')}
            testId="animation-input"
          />
          <figcaption className="muted">{t('sampleAnimation.means')}</figcaption>
        </figure>
        <figure>
          <Bars values={sigma} highlight={k} label={t('sampleAnimation.theSpreads')} />
          <figcaption className="muted">{t('sampleAnimation.spreads')}</figcaption>
        </figure>
        <figure>
          <Bars
            values={z}
            highlight={k}
            shown={k + 1}
            scale={scale}
            label={t('sampleAnimation.theTrainingCodesZ')}
            testId="animation-output"
          />
          <figcaption className="muted">{t('sampleAnimation.trainingCodesZ')}</figcaption>
        </figure>
      </div>
      <CheckLine computed={mu} actual={data.output.data} what="the code when evaluating, z = μ" />
    </div>
  );
}
