// Weights that load but cannot train: finite values of absurd size (±3e38 fits a float32, yet the first
// forward pass overflows). A file may hold them, so they load, but the user is warned on import, and a
// divergence from them is put down to the weights rather than the learning rate.
import type { NetworkSpec } from '../spec';
import { moduleNames, type LayerTensors } from './state-dict';

/** Far beyond anything training makes (PyTorch's initial weights are below 1, trained ones rarely reach 100). */
export const ABSURD_WEIGHT = 1e6;

/** The largest |value| in `data` (0 when empty). */
export function largestMagnitude(data: Float32Array): number {
  let largest = 0;
  for (const v of data) largest = Math.max(largest, Math.abs(v));
  return largest;
}

/** "3.0e+38" or "2,500,000": a magnitude as a reader takes it in. */
export function formatMagnitude(value: number): string {
  return value >= 1e9 ? value.toExponential(1) : Math.round(value).toLocaleString('en-US');
}

/** The tensor holding the largest magnitude when that is above ABSURD_WEIGHT, else null. */
export function absurdTensor(
  spec: NetworkSpec,
  weights: readonly LayerTensors[],
): { name: string; largest: number } | null {
  const names = moduleNames(spec.layers);
  let found: { name: string; largest: number } | null = null;
  for (const layer of weights) {
    for (const t of layer.tensors) {
      const largest = largestMagnitude(t.data);
      if (largest > ABSURD_WEIGHT && largest > (found?.largest ?? 0))
        found = { name: `${names[layer.layerIndex]}.${t.name}`, largest };
    }
  }
  return found;
}

/** The warning shown after loading such weights. */
export function absurdWeightsWarning(found: { name: string; largest: number }): string {
  return `Warning: tensor "${found.name}" holds values as large as ${formatMagnitude(found.largest)}, far beyond what training makes; training from these weights will likely overflow. Press Reset to start from fresh weights.`;
}
