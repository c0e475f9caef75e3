// Pieces of the cards' one-line summaries.

/** Kernel, then stride and padding only where they differ from PyTorch's defaults: "5×5, pad 2". */
export function windowSummary(k: number, stride: number, padding: number, defaultStride: number): string {
  return [`${k}×${k}`, stride !== defaultStride && `stride ${stride}`, padding > 0 && `pad ${padding}`]
    .filter(Boolean)
    .join(', ');
}

export const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
