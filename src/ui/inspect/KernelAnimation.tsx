// A real kernel stepping over a real digit: the highlighted window, the multiply-adds of its output cell,
// and the output built so far. Stride and padding are adjustable, so their effect on the size shows.
import { useEffect, useMemo, useRef, useState } from 'react';
import { diverging, maxAbs, sequential } from './colour';
import { cellOfFrame, cellValue, correlate, outputShape, tapsAt, type WalkGeometry } from './kernel-walk';

const SCALE = 8;
const FRAME_MS = 350;

export interface KernelAnimationProps {
  image: Float32Array;
  kernel: Float32Array;
  k: number;
  kernelSource: string;
  /** Pooling windows take the max (or mean) instead of a weighted sum. */
  mode: 'conv' | 'max' | 'avg';
  initialStride: number;
  initialPadding: number;
}

export function KernelAnimation(props: KernelAnimationProps) {
  const { image, kernel, k, mode } = props;
  const [stride, setStride] = useState(props.initialStride);
  const [padding, setPadding] = useState(props.initialPadding);
  const [frame, setFrame] = useState(0);
  const [playing, setPlaying] = useState(true);
  const g: WalkGeometry = { h: 28, w: 28, k, stride, padding };
  const out = outputShape(g);
  const { i, j } = cellOfFrame(frame, g);
  const taps = tapsAt(image, kernel, g, i, j);
  const value =
    mode === 'conv'
      ? cellValue(taps)
      : poolValue(
          taps.map((t) => t.value),
          mode,
        );
  const full = useMemo(
    () => (mode === 'conv' ? correlate(image, kernel, { h: 28, w: 28, k, stride, padding }) : null),
    [image, kernel, k, stride, padding, mode],
  );

  useEffect(() => {
    if (!playing) return;
    const id = setInterval(() => setFrame((f) => f + 1), FRAME_MS);
    return () => clearInterval(id);
  }, [playing]);

  const input = useRef<HTMLCanvasElement>(null);
  const output = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = input.current?.getContext('2d');
    if (!ctx) return;
    const side = 28 + 2 * padding;
    ctx.fillStyle = '#444';
    ctx.fillRect(0, 0, side * SCALE, side * SCALE);
    for (let y = 0; y < 28; y++)
      for (let x = 0; x < 28; x++) {
        const v = Math.round(255 * image[y * 28 + x]);
        ctx.fillStyle = `rgb(${v},${v},${v})`;
        ctx.fillRect((x + padding) * SCALE, (y + padding) * SCALE, SCALE, SCALE);
      }
    ctx.strokeStyle = '#ff3b30';
    ctx.lineWidth = 2;
    ctx.strokeRect(j * stride * SCALE + 1, i * stride * SCALE + 1, k * SCALE - 2, k * SCALE - 2);
  }, [image, padding, stride, i, j, k]);
  useEffect(() => {
    const ctx = output.current?.getContext('2d');
    if (!ctx || !full) return;
    const scale = maxAbs(full) || 1;
    ctx.clearRect(0, 0, out.w * SCALE, out.h * SCALE);
    const done = i * out.w + j;
    for (let c = 0; c <= done && c < full.length; c++) {
      const [r, gg, b] = diverging(full[c], scale);
      ctx.fillStyle = `rgb(${r},${gg},${b})`;
      ctx.fillRect((c % out.w) * SCALE, Math.floor(c / out.w) * SCALE, SCALE, SCALE);
    }
    ctx.strokeStyle = '#ff3b30';
    ctx.strokeRect(j * SCALE + 1, i * SCALE + 1, SCALE - 2, SCALE - 2);
  }, [full, i, j, out.w, out.h]);

  const side = (28 + 2 * padding) * SCALE;
  return (
    <div className="kernel-animation" aria-label="Kernel animation">
      <div className="animation-controls">
        <button type="button" onClick={() => setPlaying((p) => !p)} aria-pressed={playing}>
          {playing ? 'Pause animation' : 'Play animation'}
        </button>
        <button type="button" onClick={() => setFrame((f) => f + 1)}>
          Next position
        </button>
        <label>
          Stride{' '}
          <input
            type="number"
            min={1}
            max={4}
            value={stride}
            onChange={(e) => setStride(clamp(e.target.valueAsNumber, 1, 4))}
          />
        </label>
        <label>
          Padding{' '}
          <input
            type="number"
            min={0}
            max={3}
            value={padding}
            onChange={(e) => setPadding(clamp(e.target.valueAsNumber, 0, 3))}
          />
        </label>
        <span data-testid="explain-frame" className="muted">
          output cell ({i}, {j}) of {out.h}×{out.w}
        </span>
      </div>
      <p className="muted">
        Output size: ⌊(28 + 2·{padding} − {k}) / {stride}⌋ + 1 = {out.h}. Kernel: {props.kernelSource}.
      </p>
      <div className="animation-stage">
        <canvas
          ref={input}
          width={side}
          height={side}
          role="img"
          aria-label={`Digit with the ${k}×${k} window at output cell ${i}, ${j}`}
          data-testid="animation-input"
        />
        {full && (
          <canvas
            ref={output}
            width={out.w * SCALE}
            height={out.h * SCALE}
            role="img"
            aria-label="Output built so far"
            data-testid="animation-output"
          />
        )}
        <Products taps={taps} k={k} mode={mode} value={value} />
      </div>
    </div>
  );
}

function Products({
  taps,
  k,
  mode,
  value,
}: {
  taps: ReturnType<typeof tapsAt>;
  k: number;
  mode: string;
  value: number;
}) {
  const wScale = maxAbs(taps.map((t) => t.weight)) || 1;
  return (
    <figure className="products">
      <table
        aria-label="Multiply-adds for the highlighted cell"
        style={{ gridTemplateColumns: `repeat(${k}, auto)` }}
      >
        <tbody>
          {Array.from({ length: k }, (_, m) => (
            <tr key={m}>
              {taps.slice(m * k, (m + 1) * k).map((t) => {
                const [r, g, b] = mode === 'conv' ? diverging(t.weight, wScale) : sequential(t.value);
                return (
                  <td
                    key={t.n}
                    style={{ background: `rgb(${r},${g},${b})` }}
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

function poolValue(values: number[], mode: 'max' | 'avg'): number {
  return mode === 'max' ? Math.max(...values) : values.reduce((a, b) => a + b, 0) / values.length;
}

function clamp(v: number, lo: number, hi: number): number {
  return Number.isFinite(v) ? Math.max(lo, Math.min(hi, Math.round(v))) : lo;
}
