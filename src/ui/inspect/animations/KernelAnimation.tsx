// A window stepping over the layer's real input (styles conv, max and avg): the highlighted window, its
// multiply-adds (or values), and the output built so far. For a convolution the window is the layer's
// trained kernel for one output map and input channel (or a known edge filter), and the output adds every
// channel of its group and the bias. Stride and padding can be changed to see their effect on the size.
import { useMemo, useState } from 'react';
import { diverging, maxAbs, sequential } from '../colour';
import { AnimationControls, Picker } from './AnimationControls';
import { CheckLine } from './CheckLine';
import {
  cellOfFrame,
  cellValue,
  convMap,
  correlate,
  EDGE_KERNEL,
  outputShape,
  poolValue,
  tapsAt,
  walk,
  type PoolMode,
  type Tap,
  type WalkGeometry,
} from './kernel-walk';
import { MapCanvas } from './MapCanvas';
import { builtSoFar, colourFor } from './paint';
import { planeCount, planeOf, fmt } from './tensor';
import { numberParam, tensorNamed, type AnimationProps } from './types';
import { paceFor, useFrames } from './useFrames';

export function KernelAnimation({ layer, data, mode }: AnimationProps & { mode: 'conv' | PoolMode }) {
  const input = data.inputs[0];
  const own = {
    k: numberParam(layer, 'kernel_size', 1),
    stride: numberParam(layer, 'stride', 1),
    padding: numberParam(layer, 'padding', 0),
    dilation: numberParam(layer, 'dilation', 1),
  };
  const conv = mode === 'conv';
  const groups = numberParam(layer, 'groups', 1);
  const outMaps = planeCount(data.output.shape);
  const perGroup = conv ? planeCount(input.shape) / groups : 1;
  const [map, setMap] = useState(0);
  const [channel, setChannel] = useState(0);
  const [edge, setEdge] = useState(false);
  const [stride, setStride] = useState(own.stride);
  const [padding, setPadding] = useState(own.padding);
  const weight = tensorNamed(data, 'weight');
  const useEdge = conv && (edge || !weight || own.k > 5);
  const k = useEdge ? 3 : own.k;
  const inChannel = conv ? Math.floor(map / (outMaps / groups)) * perGroup + channel : map;
  const plane = useMemo(() => planeOf(input, inChannel), [input, inChannel]);
  const dilation = useEdge ? 1 : own.dilation;
  const ceil = Boolean((layer as unknown as Record<string, unknown>).ceil_mode);
  const g: WalkGeometry = useMemo(
    () => ({ h: plane.h, w: plane.w, k, stride, padding, dilation, ceil }),
    [plane.h, plane.w, k, stride, padding, dilation, ceil],
  );
  const out = outputShape(g);
  const kernel = useMemo(() => {
    if (!conv) return new Float32Array(k * k).fill(1);
    if (useEdge || !weight) return EDGE_KERNEL;
    const at = (map * perGroup + channel) * k * k;
    return weight.subarray(at, at + k * k);
  }, [conv, useEdge, weight, map, perGroup, channel, k]);
  const atOwn = stride === own.stride && padding === own.padding && !useEdge;
  const countIncludePad = (layer as unknown as Record<string, unknown>).count_include_pad !== false;
  const full = useMemo(() => {
    if (conv && atOwn && weight) {
      const bias = tensorNamed(data, 'bias');
      return convMap(input.data, planeCount(input.shape), weight, bias, outMaps, groups, map, g);
    }
    if (conv) return correlate(plane.values, kernel, g);
    return walk(plane.values, kernel, g, (taps) => poolValue(taps, mode, g, countIncludePad));
  }, [conv, atOwn, weight, data, input, outMaps, groups, map, g, plane, kernel, mode, countIncludePad]);

  const frames = useFrames(out.h * out.w, paceFor(out.h * out.w));
  const { i, j } = cellOfFrame(frames.frame, g);
  const taps = tapsAt(plane.values, kernel, g, i, j);
  const real = planeOf(data.output, map).values;
  const inColour = useMemo(() => colourFor(input.data), [input]);
  const outColour = useMemo(() => colourFor(full, atOwn ? real : full), [full, real, atOwn]);
  const span = (g.dilation ?? 1) * (k - 1) + 1;
  const what = conv
    ? atOwn
      ? `output map ${map + 1} (all ${perGroup} input channel${perGroup > 1 ? 's' : ''} of its group and the bias)`
      : `input channel ${inChannel + 1}'s part`
    : `channel ${map + 1}`;

  return (
    <div className="kernel-animation" aria-label="Kernel animation">
      <AnimationControls
        frames={frames}
        unit="position"
        position={`output cell (${i}, ${j}) of ${out.h}×${out.w}`}
      >
        <Picker label={conv ? 'Output map' : 'Channel'} count={outMaps} value={map} onChange={setMap} />
        {conv && <Picker label="Input channel" count={perGroup} value={channel} onChange={setChannel} />}
        {conv && (
          <label>
            Kernel{' '}
            <select value={edge ? 'edge' : 'trained'} onChange={(e) => setEdge(e.target.value === 'edge')}>
              <option value="trained">this layer's trained weights</option>
              <option value="edge">3×3 edge filter</option>
            </select>
          </label>
        )}
        <label>
          Stride{' '}
          <input
            type="number"
            min={1}
            max={Math.max(4, own.stride)}
            value={stride}
            onChange={(e) => setStride(clamp(e.target.valueAsNumber, 1, Math.max(4, own.stride)))}
          />
        </label>
        <label>
          Padding{' '}
          <input
            type="number"
            min={0}
            max={Math.max(3, own.padding)}
            value={padding}
            onChange={(e) => setPadding(clamp(e.target.valueAsNumber, 0, Math.max(3, own.padding)))}
          />
        </label>
      </AnimationControls>
      <p className="muted">
        Output size: {ceil ? '⌈' : '⌊'}({g.h} + 2·{padding} − {span}) / {stride}
        {ceil ? '⌉' : '⌋'} + 1 = {out.h}.{' '}
        {conv
          ? `Kernel: ${useEdge ? 'a 3×3 vertical-edge (Sobel) filter' : `this layer's trained ${k}×${k} weights, output map ${map + 1}, input channel ${inChannel + 1}`}.`
          : `A ${k}×${k} window; no weights.`}
      </p>
      <div className="animation-stage">
        <MapCanvas
          plane={plane}
          colour={inColour}
          offset={padding}
          marks={[{ y: i * stride, x: j * stride, h: span, w: span }]}
          label={`Input channel ${inChannel + 1} with the ${k}×${k} window at output cell ${i}, ${j}`}
          testId="animation-input"
        />
        <MapCanvas
          plane={{ ...out, values: builtSoFar(full, i * out.w + j) }}
          colour={outColour}
          marks={[{ y: i, x: j }]}
          label="Output built so far"
          testId="animation-output"
        />
        <Products taps={taps} k={k} mode={mode} value={conv ? cellValue(taps) : full[i * out.w + j]} />
      </div>
      {conv && atOwn && (
        <p className="muted">
          {perGroup > 1
            ? `This channel's sum is one of ${perGroup}; with the others and the bias`
            : 'With the bias'}
          , output cell ({i}, {j}) is {fmt(full[i * out.w + j])}.
        </p>
      )}
      {atOwn ? (
        <CheckLine computed={full} actual={real} what={what} />
      ) : (
        <p className="muted">Not the layer's own settings: the output shown is this window's alone.</p>
      )}
    </div>
  );
}

function Products({ taps, k, mode, value }: { taps: Tap[]; k: number; mode: string; value: number }) {
  const wScale = maxAbs(taps.map((t) => t.weight)) || 1;
  const vScale = maxAbs(taps.map((t) => t.value)) || 1;
  return (
    <figure className="products">
      <table aria-label="Multiply-adds for the highlighted cell">
        <tbody>
          {Array.from({ length: k }, (_, m) => (
            <tr key={m}>
              {taps.slice(m * k, (m + 1) * k).map((t) => {
                const [r, g, b] =
                  mode === 'conv' ? diverging(t.weight, wScale) : sequential(Math.abs(t.value) / vScale);
                // Dark text on light cells, light text on dark ones.
                const light = 0.299 * r + 0.587 * g + 0.114 * b > 140;
                return (
                  <td
                    key={t.n}
                    style={{ background: `rgb(${r},${g},${b})`, color: light ? '#111' : '#fff' }}
                    className={t.inside ? '' : 'pad'}
                  >
                    {mode === 'conv' ? `${t.weight.toFixed(2)}×${t.value.toFixed(2)}` : t.value.toFixed(2)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <figcaption data-testid="explain-sum">
        {mode === 'conv' ? 'Sum of products' : mode === 'max' ? 'Largest value' : 'Mean'} = {value.toFixed(3)}
      </figcaption>
    </figure>
  );
}

function clamp(v: number, lo: number, hi: number): number {
  return Number.isFinite(v) ? Math.max(lo, Math.min(hi, Math.round(v))) : lo;
}
