import { describe, expect, it } from 'vitest';
import { SIDE, toMnistImage } from './preprocess';

function canvas(width: number, height: number, fill: (x: number, y: number) => number): Float32Array {
  const ink = new Float32Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) ink[y * width + x] = fill(x, y);
  return ink;
}

function stats(img: Float32Array) {
  let mass = 0;
  let mx = 0;
  let my = 0;
  let x0 = SIDE;
  let x1 = -1;
  let y0 = SIDE;
  let y1 = -1;
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      const v = img[y * SIDE + x];
      if (v > 0.01) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
      mass += v;
      mx += (x + 0.5) * v;
      my += (y + 0.5) * v;
    }
  }
  return { cx: mx / mass, cy: my / mass, w: x1 - x0 + 1, h: y1 - y0 + 1, mass };
}

describe('MNIST-like preprocessing of a drawing', () => {
  it('returns zeros for an empty pad', () => {
    expect(toMnistImage(new Float32Array(280 * 280), 280, 280).every((v) => v === 0)).toBe(true);
  });

  it('scales a square drawn in a corner to 20×20 and centres its mass', () => {
    const ink = canvas(280, 280, (x, y) => (x >= 10 && x < 110 && y >= 150 && y < 250 ? 1 : 0));
    const s = stats(toMnistImage(ink, 280, 280));
    expect(s.w).toBe(20);
    expect(s.h).toBe(20);
    expect(Math.abs(s.cx - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(s.cy - 14)).toBeLessThanOrEqual(0.5);
    expect(s.mass).toBeCloseTo(400, 3);
  });

  it('keeps the aspect ratio of a tall stroke (height 20, width 4) and values in 0..1', () => {
    const ink = canvas(300, 200, (x, y) => (x >= 200 && x < 230 && y >= 20 && y < 170 ? 0.8 : 0));
    const img = toMnistImage(ink, 300, 200);
    const s = stats(img);
    expect(s.h).toBe(20);
    expect(s.w).toBe(4);
    expect(Math.max(...img)).toBeCloseTo(0.8, 5);
    expect(Math.min(...img)).toBeGreaterThanOrEqual(0);
  });

  it('puts the centre of mass, not the box centre, at the middle for a lopsided digit', () => {
    // An "L": heavy bottom bar shifts the mass down and right of the box centre.
    const ink = canvas(100, 100, (x, y) =>
      (x >= 20 && x < 30 && y >= 10 && y < 90) || (y >= 80 && y < 90 && x >= 20 && x < 90) ? 1 : 0,
    );
    const s = stats(toMnistImage(ink, 100, 100));
    expect(Math.abs(s.cx - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(s.cy - 14)).toBeLessThanOrEqual(0.5);
  });

  it('upscales a tiny drawing to the 20-pixel box', () => {
    const ink = canvas(50, 50, (x, y) => (x >= 20 && x < 25 && y >= 20 && y < 30 ? 1 : 0));
    const s = stats(toMnistImage(ink, 50, 50));
    expect(s.h).toBe(20);
    expect(s.w).toBe(10);
  });

  it('rejects a drawing whose size does not match', () => {
    expect(() => toMnistImage(new Float32Array(10), 4, 4)).toThrow(/expected 4×4 = 16/);
  });
});
