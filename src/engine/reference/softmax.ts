// CPU reference of Softmax over dim=1 as a layer, forward and backward: over the features of [B, N], or
// over the channels of [B, C, H, W] at every pixel. Viewed as [B, C, S] (S the product of the trailing
// dimensions), each (b, s) is one softmax over C values S apart. Stable: the max is subtracted
// before exp. Backward reads the forward output y: dx = y ⊙ (dy − Σ_c dy ⊙ y).
import type { Floats } from './matmul';

/** [rows B, channels C, inner S] of a tensor of rank >= 2, softmax running over C. */
export function softmaxDims(shape: readonly number[]): { rows: number; channels: number; inner: number } {
  if (shape.length < 2 || !shape.every((d) => Number.isInteger(d) && d >= 1)) {
    throw new Error(`softmax: input must be [B, N] or [B, C, ...] with every dimension >= 1, got [${shape}]`);
  }
  return { rows: shape[0], channels: shape[1], inner: shape.slice(2).reduce((a, b) => a * b, 1) };
}

function checkLength(op: string, name: string, a: ArrayLike<number>, want: number): void {
  if (a.length !== want) throw new Error(`${op}: ${name} has ${a.length} elements, expected ${want}`);
}

/** y = softmax(x, dim=1). */
export function softmaxForward(args: { x: Floats; y: Floats; shape: readonly number[] }): Floats {
  const { x, y } = args;
  const { rows, channels, inner } = softmaxDims(args.shape);
  checkLength('softmax', 'x', x, rows * channels * inner);
  checkLength('softmax', 'y', y, x.length);
  for (let b = 0; b < rows; b++) {
    for (let s = 0; s < inner; s++) {
      const base = b * channels * inner + s;
      let max = -Infinity;
      for (let c = 0; c < channels; c++) max = Math.max(max, x[base + c * inner]);
      let sum = 0;
      for (let c = 0; c < channels; c++) sum += Math.exp(x[base + c * inner] - max);
      for (let c = 0; c < channels; c++) y[base + c * inner] = Math.exp(x[base + c * inner] - max) / sum;
    }
  }
  return y;
}

/** dx = y ⊙ (dy − Σ_c dy ⊙ y), with y the forward output. */
export function softmaxBackward(args: {
  y: Floats;
  dy: Floats;
  dx: Floats;
  shape: readonly number[];
}): Floats {
  const { y, dy, dx } = args;
  const { rows, channels, inner } = softmaxDims(args.shape);
  checkLength('softmax backward', 'y', y, rows * channels * inner);
  checkLength('softmax backward', 'dy', dy, y.length);
  checkLength('softmax backward', 'dx', dx, y.length);
  for (let b = 0; b < rows; b++) {
    for (let s = 0; s < inner; s++) {
      const base = b * channels * inner + s;
      let dot = 0;
      for (let c = 0; c < channels; c++) dot += dy[base + c * inner] * y[base + c * inner];
      for (let c = 0; c < channels; c++) {
        const k = base + c * inner;
        dx[k] = y[k] * (dy[k] - dot);
      }
    }
  }
  return dx;
}
