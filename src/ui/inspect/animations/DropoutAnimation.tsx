// Dropout on the layer's real input: the mask the next training step draws for the first image of its
// batch (from the run's seed), revealed cell by cell: kept values are scaled by 1/(1 − p), dropped ones
// become 0. When evaluating (these views, predictions) the layer passes values unchanged.
import { useMemo, useState } from 'react';
import type { Rgb } from '../colour';
import { AnimationControls, Picker } from './AnimationControls';
import { CheckLine } from './CheckLine';
import { MapCanvas } from './MapCanvas';
import { builtSoFar, colourFor } from './paint';
import { fmt, planeCount, planeOf } from './tensor';
import { numberParam, type AnimationProps } from './types';
import { paceFor, useFrames } from './useFrames';

/** Mask cells: kept, dropped, or a zero input (0 either way). */
const KEPT = 1;
const DROPPED = 0;
const ZERO = 0.5;
const maskColour = (v: number): Rgb =>
  v === KEPT ? [240, 240, 240] : v === DROPPED ? [20, 20, 20] : [120, 120, 120];

export function DropoutAnimation({ layer, data }: AnimationProps) {
  const p = numberParam(layer, 'p', 0.5);
  const scale = p < 1 ? 1 / (1 - p) : 0;
  const [channel, setChannel] = useState(0);
  const x = useMemo(() => planeOf(data.inputs[0], channel), [data, channel]);
  const y = useMemo(() => planeOf(data.trainOutput, channel), [data, channel]);
  const mask = useMemo(
    () =>
      x.values.map((v, i) => (Number.isNaN(v) ? NaN : v === 0 ? ZERO : y.values[i] !== 0 ? KEPT : DROPPED)),
    [x, y],
  );
  const n = data.inputs[0].data.length;
  const frames = useFrames(n / planeCount(data.inputs[0].shape), paceFor(x.h * x.w));
  const cell = frames.frame;
  const [i, j] = [Math.floor(cell / x.w), cell % x.w];
  const colour = useMemo(() => colourFor(data.inputs[0].data, data.trainOutput.data), [data]);
  const expected = useMemo(() => {
    const out = new Float32Array(n);
    data.inputs[0].data.forEach((v, k) => (out[k] = data.trainOutput.data[k] !== 0 ? v * scale : 0));
    return out;
  }, [data, n, scale]);
  const dropped = data.inputs[0].data.filter((v, k) => v !== 0 && data.trainOutput.data[k] === 0).length;
  const nonzero = data.inputs[0].data.filter((v) => v !== 0).length;
  const m = mask[cell];
  const marks = [{ y: i, x: j }];
  return (
    <div className="kernel-animation" aria-label="Dropout animation">
      <AnimationControls frames={frames} unit="value" position={`value ${cell + 1} of ${frames.count}`}>
        <Picker
          label="Channel"
          count={planeCount(data.inputs[0].shape)}
          value={channel}
          onChange={setChannel}
        />
      </AnimationControls>
      <p className="muted">
        x = {fmt(x.values[cell])}:{' '}
        {m === KEPT
          ? `kept, × 1/(1 − ${p}) = ${fmt(y.values[cell])}`
          : m === DROPPED
            ? 'dropped → 0'
            : 'zero, so 0 whether kept or dropped'}
        .
      </p>
      <div className="animation-stage">
        <figure>
          <MapCanvas
            plane={x}
            colour={colour}
            marks={marks}
            label="The layer's input"
            testId="animation-input"
          />
          <figcaption className="muted">input x</figcaption>
        </figure>
        <figure>
          <MapCanvas
            plane={{ ...x, values: mask }}
            colour={maskColour}
            marks={marks}
            label="The mask: white kept, black dropped, grey a zero input"
          />
          <figcaption className="muted">mask (white kept)</figcaption>
        </figure>
        <figure>
          <MapCanvas
            plane={{ ...y, values: builtSoFar(y.values, cell) }}
            colour={colour}
            marks={marks}
            label="The training output so far"
            testId="animation-output"
          />
          <figcaption className="muted">training output</figcaption>
        </figure>
      </div>
      <p className="muted">
        Training step {data.step + 1} drops {dropped} of the {nonzero} non-zero values (
        {((100 * dropped) / Math.max(1, nonzero)).toFixed(1)}%, p = {p}). When evaluating, y = x.
      </p>
      <CheckLine computed={expected} actual={data.trainOutput.data} what="every kept value × 1/(1 − p)" />
    </div>
  );
}
