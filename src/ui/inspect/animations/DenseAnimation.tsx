// nn.Linear on the layer's real input: output j in turn weighs every input by its row of trained weights,
// y_j = b_j + Σ_i w_ji·x_i. The input, the weight row and their products share one layout (a long vector
// wraps into rows, so an image flattened by Flatten looks like the image).
import { useMemo } from 'react';
import { AnimationControls } from './AnimationControls';
import { Bars } from './Bars';
import { CheckLine } from './CheckLine';
import { MapCanvas } from './MapCanvas';
import { colourFor } from './paint';
import { fmt, planeOf } from './tensor';
import { tensorNamed, type AnimationProps } from './types';
import { useFrames } from './useFrames';

export function DenseAnimation({ data }: AnimationProps) {
  const x = data.inputs[0].data;
  const n = x.length;
  const outputs = data.output.data.length;
  const weight = useMemo(
    () => tensorNamed(data, 'weight') ?? new Float32Array(outputs * n),
    [data, outputs, n],
  );
  const bias = tensorNamed(data, 'bias');
  const y = useMemo(() => {
    const out = new Float32Array(outputs);
    for (let j = 0; j < outputs; j++) {
      let s = bias?.[j] ?? 0;
      for (let i = 0; i < n; i++) s += weight[j * n + i] * x[i];
      out[j] = s;
    }
    return out;
  }, [weight, bias, x, n, outputs]);
  const frames = useFrames(outputs);
  const j = frames.frame;
  const row = weight.subarray(j * n, (j + 1) * n);
  const products = useMemo(() => row.map((w, i) => w * x[i]), [row, x]);
  const sum = products.reduce((a, b) => a + b, 0);
  const xColour = useMemo(() => colourFor(x), [x]);
  const wColour = useMemo(() => colourFor(weight), [weight]);
  const pColour = useMemo(() => colourFor(products), [products]);
  const shape = (values: Float32Array) => planeOf({ shape: [n], data: values });
  return (
    <div className="kernel-animation" aria-label="Dense layer animation">
      <AnimationControls frames={frames} unit="output" position={`output ${j + 1} of ${outputs}`} />
      <p className="muted">
        y<sub>{j + 1}</sub> = Σ w·x over all {n} inputs {bias ? `+ b = ${fmt(sum)} + ${fmt(bias[j])}` : ''} ={' '}
        {fmt(y[j])}
      </p>
      <div className="animation-stage">
        <figure>
          <MapCanvas plane={shape(x)} colour={xColour} label="The layer's input" testId="animation-input" />
          <figcaption className="muted">input x</figcaption>
        </figure>
        <figure>
          <MapCanvas plane={shape(row)} colour={wColour} label={`Weights of output ${j + 1}`} />
          <figcaption className="muted">weights of output {j + 1}</figcaption>
        </figure>
        <figure>
          <MapCanvas plane={shape(products)} colour={pColour} label={`Products w·x of output ${j + 1}`} />
          <figcaption className="muted">w·x, summed</figcaption>
        </figure>
        <figure>
          <Bars
            values={y}
            highlight={j}
            shown={j + 1}
            label="Outputs built so far"
            testId="animation-output"
          />
          <figcaption className="muted">outputs so far</figcaption>
        </figure>
      </div>
      <CheckLine computed={y} actual={data.output.data} what="every output" />
    </div>
  );
}
