// Add on the layer's real inputs: value by value, the branches' values add up (a residual connection
// adds a layer's input back to its output), walked cell by cell with the output built so far.
import { useMemo, useState } from 'react';
import { AnimationControls, Picker } from './AnimationControls';
import { CheckLine } from './CheckLine';
import { MapCanvas } from './MapCanvas';
import { builtSoFar, colourFor } from './paint';
import { fmt, planeCount, planeOf, sumText } from './tensor';
import type { AnimationProps } from './types';
import { paceFor, useFrames } from './useFrames';

export function AddAnimation({ data }: AnimationProps) {
  const [channel, setChannel] = useState(0);
  const planes = useMemo(() => data.inputs.map((t) => planeOf(t, channel)), [data, channel]);
  const sum = useMemo(() => {
    const out = new Float32Array(data.output.data.length);
    for (const t of data.inputs) t.data.forEach((v, k) => (out[k] += v));
    return out;
  }, [data]);
  const out = useMemo(() => planeOf({ shape: data.output.shape, data: sum }, channel), [data, sum, channel]);
  const frames = useFrames(out.h * out.w, paceFor(out.h * out.w));
  const cell = frames.frame;
  const [i, j] = [Math.floor(cell / out.w), cell % out.w];
  const colour = useMemo(() => colourFor(...data.inputs.map((t) => t.data), sum), [data, sum]);
  const terms = sumText(planes.map((p) => p.values[cell]));
  const marks = [{ y: i, x: j }];
  return (
    <div className="kernel-animation" aria-label="Add animation">
      <AnimationControls frames={frames} unit="value" position={`value (${i}, ${j}) of ${out.h}×${out.w}`}>
        <Picker label="Channel" count={planeCount(data.output.shape)} value={channel} onChange={setChannel} />
      </AnimationControls>
      <p className="muted">
        y({i}, {j}) = {terms} = {fmt(out.values[cell])}
      </p>
      <div className="animation-stage">
        {planes.map((plane, k) => (
          <figure key={k}>
            <MapCanvas
              plane={plane}
              colour={colour}
              marks={marks}
              label={`Input ${k + 1}`}
              testId={k === 0 ? 'animation-input' : undefined}
            />
            <figcaption className="muted">input {k + 1}</figcaption>
          </figure>
        ))}
        <figure>
          <MapCanvas
            plane={{ ...out, values: builtSoFar(out.values, cell) }}
            colour={colour}
            marks={marks}
            label="The sum so far"
            testId="animation-output"
          />
          <figcaption className="muted">sum</figcaption>
        </figure>
      </div>
      <CheckLine computed={sum} actual={data.output.data} what="the sum of the inputs" />
    </div>
  );
}
