// The lessons' arithmetic on one channel, written as the seed chapter writes it, so a learner can follow
// each number: convolution (a kernel slid over the image), pooling, and transposed convolution (a kernel
// scattered over the output). The tests hold each against the engine's reference ops and PyTorch's sizes.

export interface Map2d {
  data: Float32Array;
  height: number;
  width: number;
}

/** The hand-set 3×3 kernels a learner can pick, row-major. */
export const KERNELS = {
  identity: [0, 0, 0, 0, 1, 0, 0, 0, 0],
  edge: [-1, -1, -1, -1, 8, -1, -1, -1, -1],
  vertical: [-1, 0, 1, -2, 0, 2, -1, 0, 1],
  blur: [1, 2, 1, 2, 4, 2, 1, 2, 1].map((v) => v / 16),
  sharpen: [0, -1, 0, -1, 5, -1, 0, -1, 0],
} as const;

export type KernelName = keyof typeof KERNELS;
export const KERNEL_NAMES = Object.keys(KERNELS) as KernelName[];

/** PyTorch's Conv2d / pooling size: ⌊(n + 2p − k) / s⌋ + 1. */
export const convOutSize = (n: number, k: number, stride: number, padding: number) =>
  Math.floor((n + 2 * padding - k) / stride) + 1;

/** PyTorch's ConvTranspose2d size: (n − 1)·s − 2p + k + output_padding. */
export const transposedOutSize = (
  n: number,
  k: number,
  stride: number,
  padding: number,
  outputPadding: number,
) => (n - 1) * stride - 2 * padding + k + outputPadding;

/** out[i][j] = Σ_{a,b} in[i·s − p + a][j·s − p + b] · w[a][b], with zeros outside the image. */
export function conv2d(
  input: Map2d,
  kernel: readonly number[],
  k: number,
  stride: number,
  padding: number,
): Map2d {
  const height = convOutSize(input.height, k, stride, padding);
  const width = convOutSize(input.width, k, stride, padding);
  if (height < 1 || width < 1) throw new Error(`the kernel (${k}×${k}) does not fit the padded image`);
  const data = new Float32Array(height * width);
  for (let i = 0; i < height; i++)
    for (let j = 0; j < width; j++) {
      let sum = 0;
      for (let a = 0; a < k; a++)
        for (let b = 0; b < k; b++) {
          const y = i * stride - padding + a;
          const x = j * stride - padding + b;
          if (y >= 0 && y < input.height && x >= 0 && x < input.width)
            sum += input.data[y * input.width + x] * kernel[a * k + b];
        }
      data[i * width + j] = sum;
    }
  return { data, height, width };
}

/** Max or average over each k×k window, stride k (the windows tile the map; a ragged edge is dropped). */
export function pool2d(input: Map2d, k: number, mode: 'max' | 'avg'): Map2d {
  const height = convOutSize(input.height, k, k, 0);
  const width = convOutSize(input.width, k, k, 0);
  const data = new Float32Array(height * width);
  for (let i = 0; i < height; i++)
    for (let j = 0; j < width; j++) {
      let acc = mode === 'max' ? -Infinity : 0;
      for (let a = 0; a < k; a++)
        for (let b = 0; b < k; b++) {
          const v = input.data[(i * k + a) * input.width + j * k + b];
          acc = mode === 'max' ? Math.max(acc, v) : acc + v;
        }
      data[i * width + j] = mode === 'max' ? acc : acc / (k * k);
    }
  return { data, height, width };
}

/** Each input value scatters value·w over the output at (i·s − p + a, j·s − p + b); overlaps add up. */
export function convTranspose2d(
  input: Map2d,
  kernel: readonly number[],
  k: number,
  stride: number,
  padding: number,
  outputPadding: number,
): Map2d {
  const height = transposedOutSize(input.height, k, stride, padding, outputPadding);
  const width = transposedOutSize(input.width, k, stride, padding, outputPadding);
  if (height < 1 || width < 1) throw new Error('the padding removes the whole output');
  const data = new Float32Array(height * width);
  for (let i = 0; i < input.height; i++)
    for (let j = 0; j < input.width; j++)
      for (let a = 0; a < k; a++)
        for (let b = 0; b < k; b++) {
          const y = i * stride - padding + a;
          const x = j * stride - padding + b;
          if (y >= 0 && y < height && x >= 0 && x < width)
            data[y * width + x] += input.data[i * input.width + j] * kernel[a * k + b];
        }
  return { data, height, width };
}
