// Seeded random layer stacks for fuzzing: mostly plausible parameters, sometimes absurd ones, in any order.
// Shared by the unit fuzz test and the training fuzz script (one step on the GPU per accepted spec).
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

function randomLayer(rng: Rng, kind: LayerKind, id: string): Layer {
  const base = defaultLayer(kind, id);
  switch (base.kind) {
    case 'Conv2d':
    case 'ConvTranspose2d': {
      const stride = size(rng, 1, 3);
      const layer = {
        ...base,
        in_channels: size(rng, 1, 8),
        out_channels: size(rng, 1, 16),
        kernel_size: size(rng, 1, 5),
        stride,
        padding: size(rng, 0, 2),
        dilation: rng() < 0.8 ? 1 : size(rng, 1, 3),
        bias: rng() < 0.8,
      };
      return base.kind === 'ConvTranspose2d'
        ? { ...layer, kind: 'ConvTranspose2d', output_padding: rng() < 0.7 ? 0 : size(rng, 0, 2) }
        : layer;
    }
    case 'MaxPool2d':
      return {
        ...base,
        kernel_size: size(rng, 1, 4),
        stride: size(rng, 1, 3),
        padding: size(rng, 0, 2),
        dilation: rng() < 0.9 ? 1 : 2,
        ceil_mode: rng() < 0.3,
      };
    case 'AvgPool2d':
      return {
        ...base,
        kernel_size: size(rng, 1, 4),
        stride: size(rng, 1, 3),
        padding: size(rng, 0, 2),
        ceil_mode: rng() < 0.3,
        count_include_pad: rng() < 0.5,
      };
    case 'Linear':
      return {
        ...base,
        in_features: size(rng, 1, 1000),
        out_features: pick(rng, [1, 10, 10, size(rng, 1, 200)]),
        bias: rng() < 0.9,
      };
    case 'Unflatten':
      return {
        ...base,
        unflattened_size: pick(rng, [
          [1, 28, 28],
          [4, 7, 7],
          [16, 5, 5],
          [size(rng, 1, 8), size(rng, 1, 8), size(rng, 1, 8)],
        ] as [number, number, number][]),
      };
    case 'LeakyReLU':
      return { ...base, negative_slope: pick(rng, [0.01, 0.2, -0.5]) };
    case 'BatchNorm2d':
      return {
        ...base,
        num_features: size(rng, 1, 16),
        eps: rng() < 0.95 ? 1e-5 : 0,
        momentum: rng() < 0.95 ? 0.1 : 2,
      };
    case 'Dropout':
      return { ...base, p: pick(rng, [0, 0.25, 0.5, 0.9, 1, -0.5]) };
    default:
      return base;
  }
}

const HEADS: Record<Task, LayerKind[]> = {
  classification: ['Flatten', 'Linear'],
  discriminator: ['Flatten', 'Linear'],
  reconstruction: ['Flatten', 'Linear', 'Unflatten'],
  generator: ['Flatten', 'Linear', 'Unflatten'],
};

/** The task's usual ending (Flatten → Linear to 10 or 1 values, or to 784 → Unflatten to 1×28×28). */
function head(task: Task, start: number): Layer[] {
  const out = task === 'classification' ? 10 : task === 'discriminator' ? 1 : 784;
  return HEADS[task].map((kind, i) => {
    const layer = defaultLayer(kind, `f${start + i}`);
    return layer.kind === 'Linear' ? { ...layer, out_features: out } : layer;
  });
}

/** A random spec: 0 to maxLayers layers of random kinds, any task, autoWire mostly on. Half the time a
 *  generator's noise is first unflattened and the task's usual ending is appended, so many are valid. */
export function randomSpec(rng: Rng, maxLayers = 12): NetworkSpec {
  const task = pick<Task>(rng, [
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
    version: 1,
    name: 'fuzz',
    input: inputFor(task, 'mnist', plausible ? 16 : int(rng, 1, 64)),
    task,
    autoWire: rng() < 0.8,
    layers,
  };
  if (task === 'generator') spec.latentDim = spec.input.shape[0];
  return spec;
}
