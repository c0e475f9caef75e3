// nn.Upsample on the layer's real input: each output pixel in turn, with the input pixels it copies
// (nearest) or blends by distance (bilinear), their weights, and the output built so far.
import { useMemo, useState } from 'react';
import { AnimationControls, Picker } from './AnimationControls';
import { CheckLine } from './CheckLine';
import { MapCanvas } from './MapCanvas';
import { builtSoFar, colourFor } from './paint';
import { upsamplePlane, upsampleTaps } from './resample';
import { fmt, planeCount, planeOf } from './tensor';
import { numberParam, type AnimationProps } from './types';
import { paceFor, useFrames } from './useFrames';

export function UpsampleAnimation({ layer, data }: AnimationProps) {
  const input = data.inputs[0];
  const [, oh, ow] = data.output.shape;
  const params = layer as unknown as { mode?: string; align_corners?: boolean };
  const bilinear = params.mode === 'bilinear';
  const align = Boolean(params.align_corners);
  const scale = numberParam(layer, 'scale_factor', 1);
  const [channel, setChannel] = useState(0);
  const plane = useMemo(() => planeOf(input, channel), [input, channel]);
  const up = useMemo(
    () => upsamplePlane(plane.values, plane.h, plane.w, scale, bilinear, align),
    [plane, scale, bilinear, align],
  );
  const frames = useFrames(oh * ow, paceFor(oh * ow));
  const [i, j] = [Math.floor(frames.frame / ow), frames.frame % ow];
  const taps = upsampleTaps(i, j, plane.h, plane.w, scale, bilinear, align);
  const colour = useMemo(() => colourFor(input.data), [input]);
  const sum = taps.map((t) => `${fmt(t.weight)}·(${fmt(plane.values[t.y * plane.w + t.x])})`).join(' + ');
  return (
    <div className="kernel-animation" aria-label="Upsample animation">
      <AnimationControls frames={frames} unit="pixel" position={`output pixel (${i}, ${j}) of ${oh}×${ow}`}>
        <Picker label="Channel" count={planeCount(input.shape)} value={channel} onChange={setChannel} />
      </AnimationControls>
      <p className="muted">
        y({i}, {j}) = {sum} = {fmt(up[i * ow + j])}
        {bilinear
          ? ' (the nearest input pixels, weighted by distance)'
          : ' (a copy of the nearest input pixel)'}
        .
      </p>
      <div className="animation-stage">
        <MapCanvas
          plane={plane}
          colour={colour}
          marks={taps.map((t) => ({ y: t.y, x: t.x, width: 1 + 3 * t.weight }))}
          label={`Input channel ${channel + 1} with the pixels output pixel ${i}, ${j} reads`}
          testId="animation-input"
        />
        <MapCanvas
          plane={{ h: oh, w: ow, values: builtSoFar(up, frames.frame) }}
          colour={colour}
          marks={[{ y: i, x: j }]}
          label="Output built so far"
          testId="animation-output"
        />
      </div>
      <CheckLine
        computed={up}
        actual={planeOf(data.output, channel).values}
        what={`channel ${channel + 1}`}
      />
    </div>
  );
}
