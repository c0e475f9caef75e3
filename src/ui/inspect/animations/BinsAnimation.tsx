// Adaptive average pooling on the layer's real input: the image is cut into one bin per output cell
// (PyTorch's bins may overlap by a pixel), and each output is its bin's mean.
import { useMemo, useState } from 'react';
import { AnimationControls, Picker } from './AnimationControls';
import { CheckLine } from './CheckLine';
import { MapCanvas } from './MapCanvas';
import { builtSoFar, colourFor } from './paint';
import { adaptiveBin, adaptivePlane } from './resample';
import { fmt, planeCount, planeOf } from './tensor';
import type { AnimationProps } from './types';
import { paceFor, useFrames } from './useFrames';

export function BinsAnimation({ data }: AnimationProps) {
  const input = data.inputs[0];
  const [, oh, ow] = data.output.shape;
  const [channel, setChannel] = useState(0);
  const plane = useMemo(() => planeOf(input, channel), [input, channel]);
  const pooled = useMemo(() => adaptivePlane(plane.values, plane.h, plane.w, oh, ow), [plane, oh, ow]);
  const frames = useFrames(oh * ow, paceFor(oh * ow));
  const [i, j] = [Math.floor(frames.frame / ow), frames.frame % ow];
  const [y0, y1] = adaptiveBin(i, plane.h, oh);
  const [x0, x1] = adaptiveBin(j, plane.w, ow);
  const colour = useMemo(() => colourFor(input.data), [input]);
  return (
    <div className="kernel-animation" aria-label="Adaptive pooling animation">
      <AnimationControls frames={frames} unit="output" position={`output cell (${i}, ${j}) of ${oh}×${ow}`}>
        <Picker label="Channel" count={planeCount(input.shape)} value={channel} onChange={setChannel} />
      </AnimationControls>
      <p className="muted">
        Rows {y0}–{y1 - 1} and columns {x0}–{x1 - 1}: the mean of {(y1 - y0) * (x1 - x0)} values ={' '}
        {fmt(pooled[i * ow + j])}.
      </p>
      <div className="animation-stage">
        <MapCanvas
          plane={plane}
          colour={colour}
          marks={[{ y: y0, x: x0, h: y1 - y0, w: x1 - x0 }]}
          label={`Input channel ${channel + 1} with the bin of output cell ${i}, ${j}`}
          testId="animation-input"
        />
        <MapCanvas
          plane={{ h: oh, w: ow, values: builtSoFar(pooled, frames.frame) }}
          colour={colour}
          marks={[{ y: i, x: j }]}
          label="Output built so far"
          testId="animation-output"
        />
      </div>
      <CheckLine
        computed={pooled}
        actual={planeOf(data.output, channel).values}
        what={`channel ${channel + 1}`}
      />
    </div>
  );
}
