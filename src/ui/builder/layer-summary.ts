// The key parameters of a layer in a few characters, for its card ("1→6, 5×5, pad 2"): its definition's
// summary of the layer with auto-wired values filled in.
import { definitionOf, type LayerData, type Wired } from '../../layers';
import type { Layer } from '../../network/spec';

export function keyParams(layer: Layer, wired: Wired = {}): string {
  return definitionOf(layer.kind).summary({ ...layer, ...wired } as LayerData);
}

export const formatCount = (n: number) => n.toLocaleString('en-US');

/** 1234567 -> "1.23 M" for FLOPs columns. */
export function formatFlops(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
  return String(n);
}
