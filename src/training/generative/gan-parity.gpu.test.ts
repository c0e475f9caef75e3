// One GAN step on the GPU equals the same step on the CPU reference ops, on tiny shapes: the weights of
// both networks, the BatchNorm statistics and the three losses after each of three steps; for the plain
// GAN and for a conditional one (digits one-hot after G's noise, as planes after D's 5×5 image).
import { describe, expect, it } from 'vitest';
import { describeModel } from '../../model/describe';
import { initialState } from '../../model/init';
import type { LayerDesc } from '../../model/describe';
import { expectClose } from '../../gpu/testing/close';
import { gpuCheck } from '../../gpu/testing/test-device';
import type { HostDataset } from '../backend';
import { GpuDataset } from '../gpu-dataset';
import { permutation, Prng } from '../prng';
import { CONDITION_CLASSES } from '../../network/cgan-presets';
import { gaussianNoise } from './common';
import { withDigits } from './conditional';
import { CpuGan } from './cpu-gan';
import type { GanOptions } from './engine';
import { GpuGan } from './gpu-gan';

const LATENT = 3;
const generator: LayerDesc[] = [
  // No bias before BatchNorm: its gradient would be rounding noise that Adam blows up differently per backend.
  { kind: 'Linear', in_features: LATENT, out_features: 18, bias: false },
  { kind: 'Unflatten', unflattened_size: [2, 3, 3] },
  { kind: 'BatchNorm2d', num_features: 2, eps: 1e-5, momentum: 0.1 },
  { kind: 'ReLU' },
  {
    kind: 'ConvTranspose2d',
    in_channels: 2,
    out_channels: 1,
    kernel_size: 4,
    stride: 2,
    padding: 1,
    output_padding: 0,
    dilation: 1,
    groups: 1,
    bias: true,
  },
  { kind: 'Tanh' },
];
const discriminator: LayerDesc[] = [
  {
    kind: 'Conv2d',
    in_channels: 1,
    out_channels: 3,
    kernel_size: 3,
    stride: 2,
    padding: 1,
    dilation: 1,
    groups: 1,
    bias: true,
  },
  { kind: 'LeakyReLU', negative_slope: 0.2 },
  { kind: 'Flatten' },
  { kind: 'Linear', in_features: 27, out_features: 1, bias: true },
];

/** The conditional pair: G makes 5×5 images (a 3×3 transposed convolution), D reads them with 10 planes. */
const conditionalGenerator: LayerDesc[] = generator.map((layer) =>
  layer.kind === 'Linear'
    ? { ...layer, in_features: LATENT + CONDITION_CLASSES }
    : layer.kind === 'ConvTranspose2d'
      ? { ...layer, kernel_size: 3 }
      : layer,
);
const conditionalDiscriminator: LayerDesc[] = discriminator.map((layer) =>
  layer.kind === 'Conv2d' ? { ...layer, in_channels: 1 + CONDITION_CLASSES } : layer,
);

function dataset(count: number, pixels: number): HostDataset {
  const p = new Prng(5);
  const images = Uint8Array.from({ length: count * pixels }, () => (p.next() < 0.6 ? 0 : p.int(256)));
  const labels = Uint8Array.from({ length: count }, () => p.int(CONDITION_CLASSES));
  const split = { images, labels, capacity: count, available: count };
  return { pixels, train: split, test: { ...split } };
}

describe('GAN step: WebGPU = CPU', () => {
  it.each([
    { name: 'a GAN', conditional: false },
    { name: 'a conditional GAN', conditional: true },
  ])(
    'three alternating D/G steps of $name on tiny shapes (batch 5): the same weights and losses',
    ({ conditional }) =>
      gpuCheck(async (device) => {
        const classes = conditional ? CONDITION_CLASSES : 0;
        const side = conditional ? 5 : 6;
        const gDesc = describeModel([LATENT + classes], conditional ? conditionalGenerator : generator);
        const dDesc = describeModel(
          [1 + classes, side, side],
          conditional ? conditionalDiscriminator : discriminator,
        );
        const adam = { kind: 'adam' as const, lr: 0.01, beta1: 0.5, beta2: 0.999, eps: 1e-8, weightDecay: 0 };
        const options: GanOptions = { batch: 5, seed: 11, generator: adam, discriminator: adam };
        const host = dataset(23, side * side);
        const gpuData = new GpuDataset(device);
        gpuData.sync(host, 'train', 0, 23);
        gpuData.sync(host, 'test', 0, 23);
        const gpu = new GpuGan(device, gDesc, dDesc, options, () => gpuData.sources);
        const cpu = new CpuGan(gDesc, dDesc, options, () => host);
        const prng = new Prng(2);
        const random = () => prng.next();
        const state = { generator: initialState(gDesc, random), discriminator: initialState(dDesc, random) };
        const order = permutation(23, new Prng(4));
        const noise = new Prng(8);
        // A conditional GAN's rows end in the digit asked for (digits 0, 3, 6, 9, 2, ... as the steps go).
        let drawn = 0;
        const input = () =>
          conditional
            ? withDigits(
                gaussianNoise(noise, 5 * LATENT),
                LATENT,
                Array.from({ length: 5 }, () => (3 * drawn++) % CONDITION_CLASSES),
              )
            : gaussianNoise(noise, 5 * LATENT);
        expect(gpu.classes).toBe(classes);
        for (const gan of [gpu, cpu]) {
          gan.writeState(structuredClone(state));
          gan.setOrder(order);
        }
        for (let step = 0; step < 3; step++) {
          const z = input();
          gpu.step(step * 5, step, z);
          cpu.step(step * 5, step, z);
          const [gs, cs] = [await gpu.takeSums(), await cpu.takeSums()];
          expect(gs.samples).toBe(cs.samples);
          expectClose([gs.real, gs.fake, gs.gen], [cs.real, cs.fake, cs.gen], { atol: 1e-4, rtol: 1e-4 });
        }
        const [g, c] = [await gpu.readState(), await cpu.readState()];
        expectClose(g.generator.params, c.generator.params, { atol: 2e-5, rtol: 1e-3 });
        expectClose(g.discriminator.params, c.discriminator.params, { atol: 2e-5, rtol: 1e-3 });
        expectClose(g.generator.buffers, c.generator.buffers, { atol: 1e-5, rtol: 1e-4 });
        // The step moved both networks away from the initial weights.
        expect(maxDiff(g.generator.params, state.generator.params)).toBeGreaterThan(1e-3);
        expect(maxDiff(g.discriminator.params, state.discriminator.params)).toBeGreaterThan(1e-3);
        const z = input();
        expectClose(await gpu.generate(z, 5), await cpu.generate(z, 5), { atol: 1e-5, rtol: 1e-4 });
        gpu.destroy();
        gpuData.destroy();
      }),
  );
});

function maxDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
