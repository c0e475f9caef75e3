// Transposed convolution (the seed's deconvolution) on the layer's real input: each input pixel in turn
// stamps its value times the trained kernel onto the output, s pixels apart, and overlapping stamps add up.
import { useMemo, useState } from 'react';
import { AnimationControls, Picker } from './AnimationControls';
import { CheckLine } from './CheckLine';
import { MapCanvas } from './MapCanvas';
import { colourFor } from './paint';
import {
  scatter,
  stampsOf,
  transposeChannels,
  transposeKernelAt,
  transposeMap,
  type ScatterGeometry,
} from './scatter';
import { fmt, planeOf } from './tensor';
import { numberParam, tensorNamed, type AnimationProps } from './types';
import { paceFor, useFrames } from './useFrames';

export function ScatterAnimation({ layer, data }: AnimationProps) {
  const input = data.inputs[0];
  const [C, h, w] = input.shape;
  const [O, oh, ow] = data.output.shape;
  const groups = numberParam(layer, 'groups', 1);
  const k = numberParam(layer, 'kernel_size', 1);
  const [map, setMap] = useState(0);
  const [pick, setPick] = useState(0);
  const channels = transposeChannels(map, C, O, groups);
  const channel = channels[Math.min(pick, channels.length - 1)];
  const g: ScatterGeometry = useMemo(
    () => ({
      h,
      w,
      k,
      stride: numberParam(layer, 'stride', 1),
      padding: numberParam(layer, 'padding', 0),
      dilation: numberParam(layer, 'dilation', 1),
      oh,
      ow,
    }),
    [layer, h, w, k, oh, ow],
  );
  const weight = useMemo(
    () => tensorNamed(data, 'weight') ?? new Float32Array(C * (O / groups) * k * k),
    [data, C, O, groups, k],
  );
  const kernel = useMemo(() => {
    const at = transposeKernelAt(channel, map, O, groups, k);
    return weight.subarray(at, at + k * k);
  }, [weight, channel, map, O, groups, k]);
  const plane = useMemo(() => planeOf(input, channel), [input, channel]);
  const frames = useFrames(h * w, paceFor(h * w));
  const p = frames.frame;
  const [y, x] = [Math.floor(p / w), p % w];
  const soFar = useMemo(() => scatter(plane.values, kernel, g, p), [plane, kernel, g, p]);
  const whole = useMemo(() => scatter(plane.values, kernel, g), [plane, kernel, g]);
  const full = useMemo(
    () => transposeMap(input.data, C, weight, tensorNamed(data, 'bias'), O, groups, map, g),
    [input, C, weight, data, O, groups, map, g],
  );
  const stamps = stampsOf(g, y, x);
  const inColour = useMemo(() => colourFor(input.data), [input]);
  const outColour = useMemo(() => colourFor(whole), [whole]);
  const kColour = useMemo(() => colourFor(kernel), [kernel]);
  const value = plane.values[p];
  const top = Math.min(...stamps.map((s) => s.oy));
  const left = Math.min(...stamps.map((s) => s.ox));
  const span = g.dilation * (k - 1) + 1;

  return (
    <div className="kernel-animation" aria-label="Scatter animation">
      <AnimationControls frames={frames} unit="pixel" position={`input pixel (${y}, ${x}) of ${h}×${w}`}>
        <Picker label="Output map" count={O} value={map} onChange={setMap} />
        <Picker label="Input channel" count={channels.length} value={pick} onChange={setPick} />
      </AnimationControls>
      <p className="muted">
        Input pixel ({y}, {x}) = {fmt(value)} stamps {fmt(value)} × the {k}×{k} kernel onto the output at rows{' '}
        {y}·{g.stride} − {g.padding} + {g.dilation}·m; stamps that overlap add up.
      </p>
      <div className="animation-stage">
        <MapCanvas
          plane={plane}
          colour={inColour}
          marks={[{ y, x }]}
          label={`Input channel ${channel + 1} with pixel ${y}, ${x} highlighted`}
          testId="animation-input"
        />
        <MapCanvas
          plane={{ h: k, w: k, values: kernel }}
          colour={kColour}
          cell={Math.max(8, Math.floor(72 / k))}
          label={`The trained ${k}×${k} kernel from input channel ${channel + 1} to output map ${map + 1}`}
        />
        <MapCanvas
          plane={{ h: oh, w: ow, values: soFar }}
          colour={outColour}
          marks={
            stamps.length
              ? [{ y: top, x: left, h: Math.min(span, oh - top), w: Math.min(span, ow - left) }]
              : []
          }
          label="Output built so far from this channel's stamps"
          testId="animation-output"
        />
      </div>
      <p className="muted">
        The output above is input channel {channel + 1}'s part; output map {map + 1} adds the parts of all{' '}
        {channels.length} input channel{channels.length > 1 ? 's' : ''} of its group and the bias.
      </p>
      <CheckLine computed={full} actual={planeOf(data.output, map).values} what={`output map ${map + 1}`} />
    </div>
  );
}
