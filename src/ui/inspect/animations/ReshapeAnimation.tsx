// Flatten and Unflatten on the layer's real values: the same numbers in the same order, read in a new
// shape. A marker walks through them in order (channel by channel, row by row) and leaves a trail, so the
// image's rows become the vector's stretches and back.
import { useMemo } from 'react';
import { AnimationControls } from './AnimationControls';
import { CheckLine } from './CheckLine';
import { cellAt, indexName, layoutOf, paintLayout } from './layout';
import { MapCanvas } from './MapCanvas';
import { colourFor } from './paint';
import type { AnimationProps } from './types';
import { useFrames } from './useFrames';

/** Marker stops per pass. */
const STOPS = 96;

export function ReshapeAnimation({ data }: AnimationProps) {
  const input = data.inputs[0];
  const output = data.output;
  const n = input.data.length;
  // A vector is laid in rows as wide as the image on the other side, so its rows line up with the image's.
  const image = [input.shape, output.shape].find((s) => s.length === 3);
  // Long vectors take several image rows a row, so the picture stays within about 64 rows.
  const width = image && image[2] * Math.max(1, Math.ceil(n / image[2] / 64));
  const inLayout = useMemo(() => layoutOf(input.shape, width), [input, width]);
  const outLayout = useMemo(() => layoutOf(output.shape, width), [output, width]);
  const chunk = Math.max(1, Math.ceil(n / STOPS));
  const frames = useFrames(Math.ceil(n / chunk));
  const k = Math.min(n - 1, frames.frame * chunk);
  const colour = useMemo(() => colourFor(input.data), [input]);
  return (
    <div className="kernel-animation" aria-label="Reshape animation">
      <AnimationControls
        frames={frames}
        unit="step"
        position={`value ${k + 1} of ${n}: ${indexName(input.shape, k)} → ${indexName(output.shape, k)}`}
      />
      <div className="animation-stage">
        <figure>
          <MapCanvas
            plane={{ ...inLayout, values: paintLayout(inLayout, input.data) }}
            colour={colour}
            marks={[cellAt(inLayout, k)]}
            label={`The input, ${input.shape.join('×')}`}
            testId="animation-input"
          />
          <figcaption className="muted">input {input.shape.join('×')}</figcaption>
        </figure>
        <figure>
          <MapCanvas
            plane={{ ...outLayout, values: paintLayout(outLayout, output.data, k) }}
            colour={colour}
            marks={[cellAt(outLayout, k)]}
            label={`The output so far, ${output.shape.join('×')}`}
            testId="animation-output"
          />
          <figcaption className="muted">output {output.shape.join('×')}, read so far</figcaption>
        </figure>
      </div>
      <CheckLine computed={input.data} actual={output.data} what="the input read in the new shape" />
    </div>
  );
}
