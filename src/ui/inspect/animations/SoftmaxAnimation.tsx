// Softmax on the layer's real scores, in four steps that repeat: the scores, shifted so the largest is 0,
// exponentiated, and divided by their sum: probabilities that add up to 1. Over an image's channels the
// pixel moves on after each pass.
import { useMemo } from 'react';
import { AnimationControls } from './AnimationControls';
import { Bars } from './Bars';
import { CheckLine } from './CheckLine';
import { softmaxAll, softmaxSteps, vectorAt } from './softmax';
import { fmt } from './tensor';
import type { AnimationProps } from './types';
import { useFrames } from './useFrames';

const PHASES = [
  'scores x',
  'x − max x (the largest becomes 0)',
  'eˣ of each',
  'divided by their sum: probabilities',
] as const;

export function SoftmaxAnimation({ data }: AnimationProps) {
  const { shape, data: x } = data.inputs[0];
  const image = shape.length === 3;
  const vectors = image ? shape[1] * shape[2] : 1;
  const frames = useFrames(PHASES.length * vectors, 700);
  const phase = frames.frame % PHASES.length;
  const v = Math.floor(frames.frame / PHASES.length);
  const steps = useMemo(() => softmaxSteps(vectorAt(x, shape, v)), [x, shape, v]);
  const all = useMemo(() => softmaxAll(x, shape), [x, shape]);
  const values = [steps.scores, steps.shifted, steps.exps, steps.probabilities][phase];
  const where = image ? `pixel (${Math.floor(v / shape[2])}, ${v % shape[2]}), ` : '';
  return (
    <div className="kernel-animation" aria-label="Softmax animation">
      <AnimationControls
        frames={frames}
        unit="step"
        position={`${where}step ${phase + 1} of 4: ${PHASES[phase]}`}
      />
      <div className="animation-stage">
        <figure>
          <Bars values={values} label={`Softmax ${PHASES[phase]}`} testId="animation-output" />
          <figcaption className="muted">{PHASES[phase]}</figcaption>
        </figure>
        <table className="softmax-table" aria-label="The values at this step">
          <tbody>
            {values.slice(0, 16).map((value, c) => (
              <tr key={c}>
                <th scope="row">{c}</th>
                <td>{fmt(value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">
        Σ eˣ = {fmt(steps.sum)}; the probabilities add up to{' '}
        {fmt(steps.probabilities.reduce((a, b) => a + b, 0))}. The largest score gets{' '}
        {fmt(Math.max(...steps.probabilities))}.
      </p>
      <CheckLine computed={all} actual={data.output.data} what="every probability" />
    </div>
  );
}
