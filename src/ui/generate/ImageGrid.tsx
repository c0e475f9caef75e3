// Draws 28×28 greyscale images (values 0..1) side by side on one canvas, `columns` per row.
import { useEffect, useRef } from 'react';

interface Props {
  images: Float32Array;
  columns: number;
  label: string;
  /** Screen pixels per image pixel. */
  scale?: number;
  testId?: string;
}

const SIDE = 28;

export function ImageGrid({ images, columns, label, scale = 2, testId }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  const count = Math.floor(images.length / (SIDE * SIDE));
  const rows = Math.max(1, Math.ceil(count / columns));
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const data = ctx.createImageData(columns * SIDE, rows * SIDE);
    for (let n = 0; n < count; n++) {
      const ox = (n % columns) * SIDE;
      const oy = Math.floor(n / columns) * SIDE;
      for (let p = 0; p < SIDE * SIDE; p++) {
        const v = Math.round(Math.min(1, Math.max(0, images[n * SIDE * SIDE + p])) * 255);
        const at = ((oy + Math.floor(p / SIDE)) * columns * SIDE + ox + (p % SIDE)) * 4;
        data.data[at] = v;
        data.data[at + 1] = v;
        data.data[at + 2] = v;
        data.data[at + 3] = 255;
      }
    }
    ctx.putImageData(data, 0, 0);
  }, [images, columns, rows, count]);
  return (
    <canvas
      ref={ref}
      role="img"
      aria-label={label}
      data-testid={testId}
      width={columns * SIDE}
      height={rows * SIDE}
      className="pixelated"
      style={{ width: columns * SIDE * scale, height: rows * SIDE * scale }}
    />
  );
}
