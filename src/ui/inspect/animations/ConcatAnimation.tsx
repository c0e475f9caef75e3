// Concat on the layer's real inputs: the output's channels are the first input's channels, then the
// second's, and so on; each step moves one channel (one value, for flat vectors) into place.
import { useMemo } from 'react';
import { AnimationControls } from './AnimationControls';
import { CheckLine } from './CheckLine';
import { cellAt, layoutOf, paintLayout, type Layout } from './layout';
import { MapCanvas, type Mark } from './MapCanvas';
import { colourFor } from './paint';
import { planeCount } from './tensor';
import type { AnimationProps } from './types';
import { useFrames } from './useFrames';

export function ConcatAnimation({ data }: AnimationProps) {
  const units = data.inputs.map((t) => planeCount(t.shape) * (t.shape.length === 3 ? 1 : t.data.length));
  const total = units.reduce((a, b) => a + b, 0);
  const unitSize = data.output.data.length / total;
  const joined = useMemo(() => {
    const out = new Float32Array(data.output.data.length);
    let at = 0;
    for (const t of data.inputs) {
      out.set(t.data, at);
      at += t.data.length;
    }
    return out;
  }, [data]);
  const frames = useFrames(total, 500);
  const k = frames.frame;
  let source = 0;
  while (k >= units.slice(0, source + 1).reduce((a, b) => a + b, 0)) source++;
  const local = k - units.slice(0, source).reduce((a, b) => a + b, 0);
  const colour = useMemo(() => colourFor(joined), [joined]);
  const outLayout = useMemo(() => layoutOf(data.output.shape), [data]);
  const inLayouts = useMemo(() => data.inputs.map((t) => layoutOf(t.shape)), [data]);
  const unitMark = (layout: Layout, unit: number): Mark => {
    const first = cellAt(layout, unit * unitSize);
    const side = data.output.shape.length === 3 ? data.output.shape : [1, 1, 1];
    return { ...first, h: side[1], w: side[2] };
  };
  return (
    <div className="kernel-animation" aria-label="Concat animation">
      <AnimationControls
        frames={frames}
        unit="channel"
        position={`output ${unitSize > 1 ? 'channel' : 'value'} ${k + 1} of ${total} ← input ${source + 1}, ${unitSize > 1 ? 'channel' : 'value'} ${local + 1}`}
      />
      <div className="animation-stage">
        {data.inputs.map((t, i) => (
          <figure key={i}>
            <MapCanvas
              plane={{ ...inLayouts[i], values: paintLayout(inLayouts[i], t.data) }}
              colour={colour}
              marks={i === source ? [unitMark(inLayouts[i], local)] : []}
              label={`Input ${i + 1}`}
              testId={i === 0 ? 'animation-input' : undefined}
            />
            <figcaption className="muted">
              input {i + 1}: {units[i]} {unitSize > 1 ? 'channels' : 'values'}
            </figcaption>
          </figure>
        ))}
        <figure>
          <MapCanvas
            plane={{ ...outLayout, values: paintLayout(outLayout, joined, (k + 1) * unitSize - 1) }}
            colour={colour}
            marks={[unitMark(outLayout, k)]}
            label="The output so far"
            testId="animation-output"
          />
          <figcaption className="muted">
            output: {total} {unitSize > 1 ? 'channels' : 'values'}
          </figcaption>
        </figure>
      </div>
      <CheckLine computed={joined} actual={data.output.data} what="the inputs one after another" />
    </div>
  );
}
