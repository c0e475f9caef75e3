// Seeded random layer stacks for fuzzing: mostly plausible parameters, sometimes absurd ones, in any order.
// Shared by the unit fuzz test and the training fuzz script (one step on the GPU per accepted spec).
import { definitionOf } from '../../layers';
import type { Layer, LayerKind, NetworkSpec, Task } from '../spec';
import { LAYER_KINDS, defaultLayer, inputFor } from '../spec';

export type Rng = () => number;

/** mulberry32: a small, fast, seedable generator in [0, 1). */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

/** Usually in [lo, hi]; one time in twenty an edge value (0, negative or huge). */
function size(rng: Rng, lo: number, hi: number): number {
  return rng() < 0.05 ? pick(rng, [0, -1, 5000, 1e6]) : int(rng, lo, hi);
}

/** A layer of `kind` with its definition's fuzzed parameters (defaults where it has none). */
function randomLayer(rng: Rng, kind: LayerKind, id: string): Layer {
  const base = defaultLayer(kind, id);
  const random = {
    size: (lo: number, hi: number) => size(rng, lo, hi),
    pick: <T>(items: readonly T[]) => pick(rng, items),
    chance: (p: number) => rng() < p,
  };
  return (definitionOf(kind).fuzz?.(base, random) ?? base) as Layer;
}

// The dense tasks (scenes) have fuzzing of their own in their tests; these draw the image and vector tasks.
type FuzzTask = Exclude<Task, 'segmentation' | 'detection'>;

const HEADS: Record<FuzzTask, LayerKind[]> = {
  classification: ['Flatten', 'Linear'],
  discriminator: ['Flatten', 'Linear'],
  reconstruction: ['Flatten', 'Linear', 'Unflatten'],
  generator: ['Flatten', 'Linear', 'Unflatten'],
};

/** The task's usual ending (Flatten → Linear to 10 or 1 values, or to 784 → Unflatten to 1×28×28). */
function head(task: FuzzTask, start: number): Layer[] {
  const out = task === 'classification' ? 10 : task === 'discriminator' ? 1 : 784;
  return HEADS[task].map((kind, i) => {
    const layer = defaultLayer(kind, `f${start + i}`);
    return 'out_features' in layer ? { ...layer, out_features: out } : layer;
  });
}

/** A random spec: 0 to maxLayers layers of random kinds, any task, autoWire mostly on. Half the time a
 *  generator's noise is first unflattened and the task's usual ending is appended, so many are valid. */
export function randomSpec(rng: Rng, maxLayers = 12): NetworkSpec {
  const task = pick<FuzzTask>(rng, [
    'classification',
    'classification',
    'reconstruction',
    'generator',
    'discriminator',
  ]);
  const n = int(rng, 0, maxLayers);
  const layers = Array.from({ length: n }, (_, i) => randomLayer(rng, pick(rng, LAYER_KINDS), `f${i + 1}`));
  const plausible = rng() < 0.5;
  if (plausible && task === 'generator')
    layers.unshift({ ...defaultLayer('Unflatten', 'f0'), unflattened_size: [1, 4, 4] });
  if (plausible) layers.push(...head(task, n + 1));
  const spec: NetworkSpec = {
    version: 2,
    name: 'fuzz',
    input: inputFor(task, 'mnist', plausible ? 16 : int(rng, 1, 64)),
    task,
    autoWire: rng() < 0.8,
    layers,
  };
  if (task === 'generator') spec.latentDim = spec.input.shape[0];
  return spec;
}
