// An activation as its curve traced by the layer's real values: every dot is one (input, output) pair for
// this image, and a marker walks through them from the most negative input to the most positive, shown
// on the curve and at its place in the input and output maps.
import { useMemo } from 'react';
import { AnimationControls } from './AnimationControls';
import { MapCanvas } from './MapCanvas';
import { colourFor } from './paint';
import { fmt, planeOf, statsOf } from './tensor';
import type { AnimationProps } from './types';
import { useFrames } from './useFrames';

const W = 280;
const H = 200;
const PAD = 28;
/** Dots drawn at most (a stride through the values), and marker stops per pass. */
const DOTS = 1500;
const STOPS = 48;

export function CurveAnimation({ data }: AnimationProps) {
  const x = data.inputs[0].data;
  const y = data.output.data;
  const order = useMemo(() => Array.from(x.keys()).sort((a, b) => x[a] - x[b]), [x]);
  const { xs, lo, hi, sx, sy } = useMemo(() => axesFor(x, y), [x, y]);
  const every = Math.max(1, Math.ceil(x.length / DOTS));
  const frames = useFrames(Math.min(STOPS, x.length));
  const rank = Math.round((frames.frame / Math.max(1, frames.count - 1)) * (x.length - 1));
  const at = order[rank];
  const shape = data.inputs[0].shape;
  const plane = shape.length === 3 ? shape[1] * shape[2] : x.length;
  const channel = Math.floor(at / plane);
  const inPlane = useMemo(() => planeOf(data.inputs[0], channel), [data, channel]);
  const outPlane = useMemo(() => planeOf(data.output, channel), [data, channel]);
  const cols = inPlane.w;
  const cell = { y: Math.floor((at % plane) / cols), x: (at % plane) % cols };
  const colour = useMemo(() => colourFor(x, y), [x, y]);
  const dots = useMemo(
    () =>
      order
        .filter((_, r) => r % every === 0)
        .map((i) => <circle key={i} cx={sx(x[i])} cy={sy(y[i])} r={1.5} fill="rgb(33,102,172)" />),
    [order, every, x, y, sx, sy],
  );
  const identity = [Math.max(xs.min, lo), Math.min(xs.max, hi)];
  return (
    <div className="kernel-animation" aria-label="Activation curve animation">
      <AnimationControls
        frames={frames}
        unit="value"
        position={`value ${rank + 1} of ${x.length} by size: x = ${fmt(x[at])} → y = ${fmt(y[at])}`}
      />
      <div className="animation-stage">
        <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Output against input">
          <line x1={PAD} x2={W - 8} y1={sy(0)} y2={sy(0)} stroke="currentColor" strokeOpacity={0.35} />
          {xs.min <= 0 && xs.max >= 0 && (
            <line x1={sx(0)} x2={sx(0)} y1={8} y2={H - PAD} stroke="currentColor" strokeOpacity={0.35} />
          )}
          {identity[0] < identity[1] && (
            <line
              x1={sx(identity[0])}
              y1={sy(identity[0])}
              x2={sx(identity[1])}
              y2={sy(identity[1])}
              stroke="currentColor"
              strokeOpacity={0.25}
              strokeDasharray="4 3"
            />
          )}
          {dots}
          <line x1={sx(x[at])} x2={sx(x[at])} y1={H - PAD} y2={sy(y[at])} stroke="#ffb000" />
          <line x1={PAD} x2={sx(x[at])} y1={sy(y[at])} y2={sy(y[at])} stroke="#ffb000" />
          <circle cx={sx(x[at])} cy={sy(y[at])} r={5} fill="#ff3b30" data-testid="curve-marker" />
          <text x={W - 8} y={H - 8} textAnchor="end" fontSize={11} fill="currentColor">
            input x ({fmt(xs.min)} … {fmt(xs.max)})
          </text>
          <text x={4} y={14} fontSize={11} fill="currentColor">
            output y
          </text>
        </svg>
        <figure>
          <MapCanvas
            plane={inPlane}
            colour={colour}
            marks={[cell]}
            label="Where the value is in the input"
            testId="animation-input"
          />
          <figcaption className="muted">
            input{shape.length === 3 ? `, channel ${channel + 1}` : ''}
          </figcaption>
        </figure>
        <figure>
          <MapCanvas
            plane={outPlane}
            colour={colour}
            marks={[cell]}
            label="The same place in the output"
            testId="animation-output"
          />
          <figcaption className="muted">output</figcaption>
        </figure>
      </div>
      <p className="muted">
        Each dot is one of this layer's {x.length} values for the image (input, output); the dashed line is y
        = x. Where the dots leave it, the activation changes the value.
      </p>
    </div>
  );
}

/** Plot scales: x over the inputs' range, y over the outputs' range and 0. */
function axesFor(x: Float32Array, y: Float32Array) {
  const xs = statsOf(x);
  const ys = statsOf(y);
  const lo = Math.min(ys.min, 0);
  const hi = Math.max(ys.max, 0);
  const sx = (v: number) => PAD + ((v - xs.min) / (xs.max - xs.min || 1)) * (W - PAD - 8);
  const sy = (v: number) => H - PAD - ((v - lo) / (hi - lo || 1)) * (H - PAD - 8);
  return { xs, lo, hi, sx, sy };
}
