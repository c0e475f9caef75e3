// CPU reference of channel concat, y = cat([x1, x2, ...], dim=1), and its backward (each dx_i is its slice
// of dy), as src/engine/ops/concat.ts. Works for [B,C,H,W] and flat [B,N] alike (any rank >= 2): dim 1 is
// concatenated, every other dimension must agree. Viewed as [B, C_i, S] with S the product of the trailing
// dimensions, each input is a run of C_i * S values per batch row.
import type { Floats } from './matmul';

const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

/** The output shape of cat(dim=1) over inputs of `shapes`; throws a specific message where they disagree. */
export function concatShape(shapes: readonly (readonly number[])[]): number[] {
  if (shapes.length === 0) throw new Error('concat: needs at least one input');
  const first = shapes[0];
  if (first.length < 2)
    throw new Error(`concat: inputs need a batch and a channel dimension, got [${first}]`);
  for (const [i, s] of shapes.entries()) {
    if (!s.every((d) => Number.isInteger(d) && d >= 1)) {
      throw new Error(`concat: input ${i} has shape [${s}]; every dimension must be an integer >= 1`);
    }
    const same = s.length === first.length && s.every((d, k) => k === 1 || d === first[k]);
    if (!same) {
      throw new Error(
        `concat: input ${i} has shape [${s}], but all dimensions except 1 must match [${first}]`,
      );
    }
  }
  const out = [...first];
  out[1] = shapes.reduce((c, s) => c + s[1], 0);
  return out;
}

/** Per input, its run length (C_i * S) and its offset within a batch row of y; and y's row length. */
export function concatRuns(shapes: readonly (readonly number[])[]): {
  runs: number[];
  offsets: number[];
  row: number;
} {
  const y = concatShape(shapes);
  const inner = size(y.slice(2));
  const runs = shapes.map((s) => s[1] * inner);
  const offsets = runs.map((_, i) => runs.slice(0, i).reduce((a, b) => a + b, 0));
  return { runs, offsets, row: y[1] * inner };
}

function check(op: string, name: string, a: ArrayLike<number>, want: number): void {
  if (a.length !== want) throw new Error(`${op}: ${name} has ${a.length} elements, expected ${want}`);
}

/** y = cat(xs, dim=1); xs[i] has shapes[i]. */
export function concatForward(args: {
  xs: readonly Floats[];
  shapes: readonly (readonly number[])[];
  y: Floats;
}): Floats {
  const { xs, shapes, y } = args;
  const { runs, offsets, row } = concatRuns(shapes);
  const batch = shapes[0][0];
  if (xs.length !== shapes.length) throw new Error(`concat: ${xs.length} inputs for ${shapes.length} shapes`);
  check('concat', 'y', y, batch * row);
  xs.forEach((x, i) => check('concat', `input ${i}`, x, batch * runs[i]));
  for (let b = 0; b < batch; b++) {
    xs.forEach((x, i) => y.set(x.subarray(b * runs[i], (b + 1) * runs[i]), b * row + offsets[i]));
  }
  return y;
}

/** dxs[i] = the slice of dy that input i filled (overwritten). */
export function concatBackward(args: {
  dy: Floats;
  shapes: readonly (readonly number[])[];
  dxs: readonly Floats[];
}): void {
  const { dy, shapes, dxs } = args;
  const { runs, offsets, row } = concatRuns(shapes);
  const batch = shapes[0][0];
  if (dxs.length !== shapes.length) {
    throw new Error(`concat backward: ${dxs.length} input gradients for ${shapes.length} shapes`);
  }
  check('concat backward', 'dy', dy, batch * row);
  dxs.forEach((dx, i) => check('concat backward', `input gradient ${i}`, dx, batch * runs[i]));
  for (let b = 0; b < batch; b++) {
    dxs.forEach((dx, i) =>
      dx.set(dy.subarray(b * row + offsets[i], b * row + offsets[i] + runs[i]), b * runs[i]),
    );
  }
}
