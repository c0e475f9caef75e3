// Per-layer memory for one training step, as the engine allocates it: a layer's output and its gradient
// for the whole batch (views such as Flatten share their input's buffer), and its parameters with their
// gradients and two optimizer moments (Adam's; SGD with momentum uses one).
import type { LayerInfo } from '../../network/analyze';
import { definitionOf } from '../../layers';

export interface LayerMemory {
  activationBytes: number;
  paramBytes: number;
}

const FLOAT = 4;

export function layerMemory(
  layer: Pick<LayerInfo, 'kind' | 'outputShape' | 'params'>,
  batch: number,
): LayerMemory {
  const values =
    layer.outputShape && !definitionOf(layer.kind).traits?.view
      ? layer.outputShape.reduce((a, b) => a * b, 1)
      : 0;
  return { activationBytes: 2 * values * batch * FLOAT, paramBytes: 4 * layer.params * FLOAT };
}

/** "1.2 MB", "96 kB", "0 B" (decimal units, like the FLOPs column). */
export function formatBytesShort(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} GB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} kB`;
  return `${n} B`;
}

/** "0.123 / 0.456 ms" for forward / backward. */
export function formatTimes(forwardMs: number, backwardMs: number): string {
  const f = (ms: number) => (ms >= 10 ? ms.toFixed(1) : ms.toFixed(3));
  return `${f(forwardMs)} / ${f(backwardMs)} ms`;
}
