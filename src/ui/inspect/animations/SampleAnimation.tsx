// A VAE's sampling step on the layer's real values for the first image: value by value, the mean μ and
// σ = exp(½ log σ²) from the input row, the noise ε the next training step draws (read back from its
// output as (z − μ)/σ) and the training code z = μ + σ·ε; when evaluating the code is μ, which is
// what the check recomputes against the engine.
import { useMemo } from 'react';
import { AnimationControls } from './AnimationControls';
import { Bars } from './Bars';
import { CheckLine } from './CheckLine';
import { fmt } from './tensor';
import type { AnimationProps } from './types';
import { useFrames } from './useFrames';

export function SampleAnimation({ data }: AnimationProps) {
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
    <div className="kernel-animation" aria-label="Sampling animation">
      <AnimationControls frames={frames} unit="value" position={`code value ${k + 1} of ${d}`} />
      <p className="muted">
        μ = {fmt(mu[k])}, σ = exp(½ · {fmt(input[d + k])}) = {fmt(sigma[k])}; training step {data.step + 1}{' '}
        draws ε = {fmt(eps)}, so z = μ + σ·ε = {fmt(z[k])}. When evaluating, z = μ.
      </p>
      <div className="animation-stage">
        <figure>
          <Bars values={mu} highlight={k} scale={scale} label="The means μ" testId="animation-input" />
          <figcaption className="muted">means μ</figcaption>
        </figure>
        <figure>
          <Bars values={sigma} highlight={k} label="The spreads σ" />
          <figcaption className="muted">spreads σ</figcaption>
        </figure>
        <figure>
          <Bars
            values={z}
            highlight={k}
            shown={k + 1}
            scale={scale}
            label="The training codes z so far"
            testId="animation-output"
          />
          <figcaption className="muted">training codes z</figcaption>
        </figure>
      </div>
      <CheckLine computed={mu} actual={data.output.data} what="the code when evaluating, z = μ" />
    </div>
  );
}
