// CPU reference of gather_batch: the oracle for the kernel and the batch source of the CPU backend.

export interface GatherSource {
  images: Uint8Array;
  labels: Uint8Array;
  /** Values per image (784 for 28x28). */
  pixels: number;
}

/** x[b, p] = (images[indices[start+b]*pixels + p] / 255 - mean) / std, y[b] = labels[indices[start+b]]. */
export function gatherBatch(
  src: GatherSource,
  indices: Uint32Array,
  start: number,
  batch: number,
  norm: { mean: number; std: number },
  x: Float32Array,
  y: Uint32Array,
): void {
  const { images, labels, pixels } = src;
  const invStd = 1 / norm.std;
  for (let b = 0; b < batch; b++) {
    const image = indices[start + b];
    const from = image * pixels;
    const to = b * pixels;
    for (let p = 0; p < pixels; p++) x[to + p] = (images[from + p] / 255 - norm.mean) * invStd;
    y[b] = labels[image];
  }
}
