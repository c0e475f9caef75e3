// Test-only: seeded random weights for a design, shaped like the trainer's snapshots, with BatchNorm
// statistics far from their identity defaults so that a swapped or ignored tensor changes the output.
import type { NetworkSpec } from '../../spec';
import { stateDictLayout, type LayerTensors } from '../state-dict';

/** mulberry32: uniform floats in [0, 1) from a 32-bit seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function uniformArray(random: () => number, length: number, low: number, high: number): Float32Array {
  return Float32Array.from({ length }, () => low + (high - low) * random());
}

/** Norm tensors (constant at init): scale and variance near 1, shift and mean near 0, but well away
 *  from their identity values. Conv and Linear: PyTorch's ±1/sqrt(fan_in). */
const NORM_RANGES = { ones: [0.5, 1.5], zeros: [-0.5, 0.5] } as const;

export function randomWeights(spec: NetworkSpec, seed: number): LayerTensors[] {
  const random = seededRandom(seed);
  const layers = new Map<number, LayerTensors>();
  const layout = stateDictLayout(spec);
  for (const entry of layout) {
    const size = entry.shape.reduce((a, b) => a * b, 1);
    let range: readonly [number, number];
    if (entry.init !== 'uniform') range = entry.role === 'running_var' ? [0.5, 2] : NORM_RANGES[entry.init];
    else {
      const weight = layout.find((e) => e.layerIndex === entry.layerIndex && e.role === 'weight')!;
      const bound = 1 / Math.sqrt(weight.shape.slice(1).reduce((a, b) => a * b, 1));
      range = [-bound, bound];
    }
    const layer = layers.get(entry.layerIndex) ?? { layerIndex: entry.layerIndex, tensors: [] };
    layer.tensors.push({ name: entry.role, shape: entry.shape, data: uniformArray(random, size, ...range) });
    layers.set(entry.layerIndex, layer);
  }
  return [...layers.values()];
}
