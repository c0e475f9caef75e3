// Pieces of the cards' one-line summaries.
import { tr } from '../../i18n';

/** Kernel, then stride and padding only where they differ from PyTorch's defaults: "5×5, pad 2". */
export function windowSummary(k: number, stride: number, padding: number, defaultStride: number): string {
  return [
    `${k}×${k}`,
    stride !== defaultStride && tr('explain:summary.stride', { s: stride }),
    padding > 0 && tr('explain:summary.pad', { p: padding }),
  ]
    .filter(Boolean)
    .join(', ');
}

export const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
