// Transposed convolution (the seed's deconvolution) on the layer's real input: each input pixel in turn
// stamps its value times the trained kernel onto the output, s pixels apart, and overlapping stamps add up.
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
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
    <div className="kernel-animation" aria-label={t('scatterAnimation.scatterAnimation')}>
      <AnimationControls
        frames={frames}
        unit="pixel"
        position={t('scatterAnimation.inputPixelOf', { y, x, h, w })}
      >
        <Picker label={t('scatterAnimation.outputMap')} count={O} value={map} onChange={setMap} />
        <Picker
          label={t('scatterAnimation.inputChannel')}
          count={channels.length}
          value={pick}
          onChange={setPick}
        />
      </AnimationControls>
      <p className="muted">
        {t('scatterAnimation.inputPixelStampsThe', {
          y,
          x,
          value: fmt(value),
          k,
          stride: g.stride,
          padding: g.padding,
          dilation: g.dilation,
        })}
      </p>
      <div className="animation-stage">
        <MapCanvas
          plane={plane}
          colour={inColour}
          marks={[{ y, x }]}
          label={t('scatterAnimation.inputChannelWithPixel', { channel: channel + 1, y, x })}
          testId="animation-input"
        />
        <MapCanvas
          plane={{ h: k, w: k, values: kernel }}
          colour={kColour}
          cell={Math.max(8, Math.floor(72 / k))}
          label={t('scatterAnimation.theTrainedKernelFrom', { k, channel: channel + 1, map: map + 1 })}
        />
        <MapCanvas
          plane={{ h: oh, w: ow, values: soFar }}
          colour={outColour}
          marks={
            stamps.length
              ? [{ y: top, x: left, h: Math.min(span, oh - top), w: Math.min(span, ow - left) }]
              : []
          }
          label={t('scatterAnimation.outputBuiltSoFar')}
          testId="animation-output"
        />
      </div>
      <GroupNote channel={channel} map={map} inGroup={channels.length} />
      <CheckLine
        computed={full}
        actual={planeOf(data.output, map).values}
        what={t('scatterAnimation.outputMap2', { map: map + 1 })}
      />
    </div>
  );
}

/** How the output map sums the input channels of its group (its own component: the compiler keeps the
 *  memoised maps above when this text is not built beside them). */
function GroupNote({ channel, map, inGroup }: { channel: number; map: number; inGroup: number }) {
  const { t } = useTranslation();
  return (
    <p className="muted">
      {t('scatterAnimation.theOutputAboveIs', { channel: channel + 1, map: map + 1, count: inGroup })}
    </p>
  );
}
