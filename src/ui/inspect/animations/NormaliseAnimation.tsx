// BatchNorm and GroupNorm on the layer's real values: one channel at a time, its histogram slides from the
// input's values to the output's (each value moves from x to y), with the statistics before and after,
// the layer's per-channel tensors, and the scale and shift per channel that the values show.
import { useMemo, useState } from 'react';
import { AnimationControls, Picker } from './AnimationControls';
import { fitAffine } from './affine';
import { fmt, histogram, planeCount, planeOf, statsOf, sumText } from './tensor';
import type { AnimationProps } from './types';
import { useFrames } from './useFrames';

const W = 320;
const H = 150;
const BINS = 32;
/** Frames of the slide from before to after, then a pause on each end. */
const SLIDE = 8;
const HOLD = 3;

export function NormaliseAnimation({ data }: AnimationProps) {
  const channels = planeCount(data.inputs[0].shape);
  const [channel, setChannel] = useState(0);
  const x = useMemo(() => planeOf(data.inputs[0], channel).values, [data, channel]);
  const y = useMemo(() => planeOf(data.output, channel).values, [data, channel]);
  const train = useMemo(() => planeOf(data.trainOutput, channel).values, [data, channel]);
  const frames = useFrames(2 * (SLIDE + HOLD));
  const f = frames.frame;
  // 0 → 1 over SLIDE frames, hold, back to 0, hold.
  const t =
    f < HOLD
      ? 0
      : f < HOLD + SLIDE
        ? (f - HOLD) / SLIDE
        : f < 2 * HOLD + SLIDE
          ? 1
          : 1 - (f - 2 * HOLD - SLIDE) / SLIDE;
  const before = statsOf(x);
  const after = statsOf(y);
  const lo = Math.min(before.min, after.min);
  const hi = Math.max(before.max, after.max);
  const now = useMemo(() => x.map((v, i) => v + (y[i] - v) * t), [x, y, t]);
  const counts = histogram(now, lo, hi, BINS);
  const ends = useMemo(() => [histogram(x, lo, hi, BINS), histogram(y, lo, hi, BINS)], [x, y, lo, hi]);
  const peak = Math.max(...ends[0], ...ends[1], 1);
  // Heights by √count, so the few values in the tails still show beside the many near the mean.
  const height = (c: number) => Math.sqrt(c / peak) * (H - 4);
  const outline = (bins: number[]) =>
    bins
      .map((c, b) => `${(b * W) / BINS},${H - height(c)} ${((b + 1) * W) / BINS},${H - height(c)}`)
      .join(' ');
  const fit = fitAffine(x, y);
  const trained = statsOf(train);
  const perChannel = data.tensors.filter(
    (tensor) => tensor.shape.length === 1 && tensor.shape[0] === channels,
  );
  const zero = ((0 - lo) / (hi - lo || 1)) * W;
  return (
    <div className="kernel-animation" aria-label="Normalisation animation">
      <AnimationControls
        frames={frames}
        unit="frame"
        position={`channel ${channel + 1}: ${Math.round(t * 100)}% of the way from input to output`}
      >
        <Picker label="Channel" count={channels} value={channel} onChange={setChannel} />
      </AnimationControls>
      <div className="animation-stage">
        <svg
          width={W}
          height={H + 18}
          role="img"
          aria-label="Histogram of the channel's values"
          data-testid="animation-output"
        >
          {counts.map((c, b) => (
            <rect
              key={b}
              x={(b * W) / BINS + 0.5}
              width={W / BINS - 1}
              y={H - height(c)}
              height={height(c)}
              fill={t < 0.5 ? 'rgb(33,102,172)' : 'rgb(178,24,43)'}
            />
          ))}
          <polyline points={outline(ends[0])} fill="none" stroke="rgb(33,102,172)" strokeOpacity={0.6} />
          <polyline points={outline(ends[1])} fill="none" stroke="rgb(178,24,43)" strokeOpacity={0.6} />
          {lo <= 0 && hi >= 0 && (
            <line x1={zero} x2={zero} y1={0} y2={H} stroke="currentColor" strokeOpacity={0.5} />
          )}
          <text x={0} y={H + 14} fontSize={11} fill="currentColor">
            {fmt(lo)}
          </text>
          <text x={W} y={H + 14} fontSize={11} textAnchor="end" fill="currentColor">
            {fmt(hi)}
          </text>
        </svg>
        <table className="norm-stats" aria-label="Statistics of the channel">
          <tbody>
            <tr>
              <th scope="row">input</th>
              <td>mean {fmt(before.mean)}</td>
              <td>std {fmt(before.std)}</td>
            </tr>
            <tr>
              <th scope="row">output</th>
              <td>mean {fmt(after.mean)}</td>
              <td>std {fmt(after.std)}</td>
            </tr>
            <tr>
              <th scope="row">training</th>
              <td>mean {fmt(trained.mean)}</td>
              <td>std {fmt(trained.std)}</td>
            </tr>
            {perChannel.map((tensor) => (
              <tr key={tensor.name}>
                <th scope="row">{tensor.name}</th>
                <td colSpan={2}>{fmt(tensor.data[channel])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted" data-testid="explain-affine">
        Outlines: the input's values (blue) and the output's (red); bars: on the way, √count. For this image,
        channel {channel + 1}'s output is y = {sumText([`${fmt(fit.a)}·x`, fit.b])} (largest deviation{' '}
        {fmt(fit.residual)}): one scale and shift per channel. "training" is what a training step computes
        from its batch's own statistics (here this one image).
      </p>
    </div>
  );
}
