// One plane of values as coloured cells, with outlined or filled marks (the window, the cell being made).
// Cells hold NaN where there is nothing to draw (past a vector's end, or not built yet).
import { useEffect, useRef } from 'react';
import type { Rgb } from '../colour';
import type { Plane } from './tensor';

export interface Mark {
  y: number;
  x: number;
  h?: number;
  w?: number;
  colour?: string;
  /** Line width in CSS pixels (default 2). */
  width?: number;
}

const BACKGROUND = '#3a3a3a';
/** Largest side of a map on screen, in CSS pixels. */
const SIDE = 224;

/** Pixels per cell so the map's longer side is about SIDE (2..32). */
export const cellSize = (plane: { h: number; w: number }) =>
  Math.max(2, Math.min(32, Math.floor(SIDE / Math.max(plane.h, plane.w))));

export function MapCanvas({
  plane,
  colour,
  marks = [],
  label,
  testId,
  cell = cellSize(plane),
  offset = 0,
}: {
  plane: Plane;
  colour: (v: number) => Rgb;
  marks?: Mark[];
  label: string;
  testId?: string;
  cell?: number;
  /** Border cells drawn around the plane (zero padding), in cells. */
  offset?: number;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const h = plane.h + 2 * offset;
  const w = plane.w + 2 * offset;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = BACKGROUND;
    ctx.fillRect(0, 0, w * cell, h * cell);
    for (let y = 0; y < plane.h; y++)
      for (let x = 0; x < plane.w; x++) {
        const v = plane.values[y * plane.w + x];
        if (Number.isNaN(v)) continue;
        const [r, g, b] = colour(v);
        ctx.fillStyle = `rgb(${r},${g},${b})`;
        ctx.fillRect((x + offset) * cell, (y + offset) * cell, cell, cell);
      }
    for (const m of marks) {
      const lw = m.width ?? 2;
      ctx.strokeStyle = m.colour ?? '#ff3b30';
      ctx.lineWidth = lw;
      ctx.strokeRect(
        (m.x + offset) * cell + lw / 2,
        (m.y + offset) * cell + lw / 2,
        (m.w ?? 1) * cell - lw,
        (m.h ?? 1) * cell - lw,
      );
    }
  }, [plane, colour, marks, cell, h, w, offset]);
  return (
    <canvas ref={ref} width={w * cell} height={h * cell} role="img" aria-label={label} data-testid={testId} />
  );
}
