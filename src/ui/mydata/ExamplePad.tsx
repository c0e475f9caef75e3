// A pad to draw an example for the chosen class: preprocessed as the prediction pad preprocesses a
// drawing (MNIST's centring and size), so what is drawn to train and drawn to test look alike.
import { useRef, type PointerEvent } from 'react';
import { toMnistImage } from '../draw/preprocess';

const SIZE = 196;
// The prediction pad's stroke (22 px on 280) at this size.
const LINE_WIDTH = 15;

export function ExamplePad({ onAdd, target }: { onAdd: (image: Uint8Array) => void; target: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const inked = useRef(false);
  const context = () => canvas.current?.getContext('2d', { willReadFrequently: true }) ?? null;
  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * SIZE) / r.width, y: ((e.clientY - r.top) * SIZE) / r.height };
  };
  const stroke = (to: { x: number; y: number }) => {
    const ctx = context();
    if (!ctx) return;
    const from = last.current ?? to;
    Object.assign(ctx, { strokeStyle: '#fff', lineWidth: LINE_WIDTH, lineCap: 'round', lineJoin: 'round' });
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
    last.current = to;
    inked.current = true;
  };
  const clear = () => {
    context()?.clearRect(0, 0, SIZE, SIZE);
    inked.current = false;
  };
  const add = () => {
    const ctx = context();
    if (!ctx || !inked.current) return;
    const rgba = ctx.getImageData(0, 0, SIZE, SIZE).data;
    const ink = Float32Array.from({ length: SIZE * SIZE }, (_, i) => rgba[4 * i + 3] / 255);
    onAdd(Uint8Array.from(toMnistImage(ink, SIZE, SIZE), (v) => Math.round(v * 255)));
    clear();
  };
  return (
    <div className="my-pad">
      <p className="muted">
        Draw one example of {target} here, then add it. (The pad further down tests the network.)
      </p>
      <canvas
        ref={canvas}
        width={SIZE}
        height={SIZE}
        className="draw-pad my-pad-canvas"
        aria-label={`Example pad: draw an example of ${target}`}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          last.current = null;
          stroke(point(e));
        }}
        onPointerMove={(e) => {
          if (e.currentTarget.hasPointerCapture(e.pointerId)) stroke(point(e));
        }}
        onPointerUp={(e) => {
          e.currentTarget.releasePointerCapture(e.pointerId);
          last.current = null;
        }}
      />
      <div className="my-pad-buttons">
        <button type="button" onClick={add}>
          Add drawing to {target}
        </button>
        <button type="button" onClick={clear}>
          Clear
        </button>
      </div>
    </div>
  );
}
