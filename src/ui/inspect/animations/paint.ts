// One colour scale for several arrays, so maps side by side compare: black-to-yellow when every value is
// ≥ 0 (after ReLU, probabilities), blue-white-red around 0 otherwise. NaN cells are not drawn.
import { diverging, maxAbs, range, sequential, type Rgb } from '../colour';

export function colourFor(...arrays: ArrayLike<number>[]): (v: number) => Rgb {
  let min = Infinity;
  let max = -Infinity;
  let scale = 0;
  for (const a of arrays) {
    const r = range(a);
    min = Math.min(min, r.min);
    max = Math.max(max, r.max);
    scale = Math.max(scale, maxAbs(a));
  }
  if (min >= 0) return (v) => sequential(max > 0 ? v / max : 0);
  return (v) => diverging(v, scale);
}

/** `values` with every cell after `done` (row-major) hidden: what has been built so far. */
export function builtSoFar(values: Float32Array, done: number): Float32Array {
  const out = values.slice();
  out.fill(NaN, Math.max(0, done + 1));
  return out;
}
