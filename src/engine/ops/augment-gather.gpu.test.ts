import { describe, expect, it } from 'vitest';
import { BufferArena, readBuffer, uploadBuffer } from '../../gpu/buffers';
import { expectClose, maxViolation } from '../../gpu/testing/close';
import { gpuCheck } from '../../gpu/testing/test-device';
import { loadFixture } from '../fixtures/load';
import { gatherAugmentBatch, type AugmentAmounts, type AugmentSeeds } from '../reference/augment-batch';
import { tensor } from '../tensor';
import { planAugmentGather } from './augment-gather';
import { packBytes } from './gather-batch';

// A small deterministic generator, so a failure reproduces.
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
}

const ALL: AugmentAmounts = {
  shift: 3,
  rotate: 30,
  scale: 0.3,
  flip: true,
  brightness: 0.2,
  contrast: 0.4,
  noise: 0.1,
};
const SEEDS = { seed: 0x2545f491, noiseSeed: 0x9e3779b9 };
// Values on the 0..1 scale agree to 1e-5 (float32 against float64): with std 1 that is the tolerance as is.
const NORM = { mean: 0, std: 1 };

interface Case {
  shape: [number, number, number];
  count: number;
  batch: number;
  start: number;
  steps: number[];
  amounts: AugmentAmounts;
}

async function runCase({ shape, count, batch, start, steps, amounts }: Case) {
  const pixels = shape[0] * shape[1] * shape[2];
  const rand = lcg(count * 31 + pixels * 7 + batch);
  const images = Uint8Array.from({ length: count * pixels }, () => rand() & 0xff);
  const labels = Uint8Array.from({ length: count }, () => rand() % 10);
  const indices = Uint32Array.from({ length: start + batch + 2 }, () => rand() % count);
  const wants = steps.map((step) => {
    const x = new Float32Array(batch * pixels);
    const y = new Uint32Array(batch);
    gatherAugmentBatch(
      { images, labels, pixels },
      shape,
      indices,
      start,
      batch,
      NORM,
      amounts,
      SEEDS,
      step,
      x,
      y,
    );
    return { x, y };
  });
  const gots = await gpuAugment({
    shape,
    images,
    labels,
    indices,
    batch,
    start,
    steps,
    amounts,
    seeds: SEEDS,
  });
  for (let s = 0; s < steps.length; s++) {
    expectClose(gots[s].x, wants[s].x, { atol: 1e-5, rtol: 0 });
    expect(Array.from(gots[s].y)).toEqual(Array.from(wants[s].y));
  }
  return gots.map((g) => g.x);
}

interface GpuRun {
  shape: [number, number, number];
  images: Uint8Array;
  labels: Uint8Array;
  indices: Uint32Array;
  batch: number;
  start: number;
  steps: number[];
  amounts: AugmentAmounts;
  seeds: AugmentSeeds;
}

/** The kernel's batches at each step, read back. */
function gpuAugment({ shape, images, labels, indices, batch, start, steps, amounts, seeds }: GpuRun) {
  const pixels = shape[0] * shape[1] * shape[2];
  return gpuCheck(async (device) => {
    const arena = new BufferArena(device, 'augment-gather-test');
    const x = arena.storage('x', batch * pixels * 4);
    const y = arena.storage('y', batch * 4);
    const op = planAugmentGather(
      { device, arena },
      {
        indices: uploadBuffer(device, 'indices', indices),
        images: uploadBuffer(device, 'images', packBytes(images)),
        labels: uploadBuffer(device, 'labels', packBytes(labels)),
        x: tensor(x, [batch, ...shape]),
        y: tensor(y, [batch]),
      },
      NORM,
      { shape, amounts, seeds },
    );
    const out = [];
    for (const step of steps) {
      op.setStart(start);
      op.setStep(step);
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      op.encode(pass);
      pass.end();
      device.queue.submit([encoder.finish()]);
      out.push({
        x: new Float32Array(await readBuffer(device, x, batch * pixels * 4)),
        y: new Uint32Array(await readBuffer(device, y, batch * 4)),
      });
    }
    arena.destroy();
    return out;
  });
}

describe('augment_gather (GPU vs CPU reference)', () => {
  it('augments a grey 5×7 batch of 37 (no multiple of the 8×8 workgroup) at two steps', async () => {
    const [a, b] = await runCase({
      shape: [1, 5, 7],
      count: 23,
      batch: 37,
      start: 3,
      steps: [0, 41],
      amounts: ALL,
    });
    // Another step draws other transforms: the batches differ well beyond the tolerance.
    expect(maxViolation(a, b, { atol: 0.05, rtol: 0 }).ok).toBe(false);
  });
  it('augments colour 3×9×11 images at batch 1 and 13, each setting alone and all together', async () => {
    const alone: Partial<AugmentAmounts>[] = [
      { shift: 2 },
      { rotate: 45 },
      { scale: 0.5 },
      { flip: true },
      { brightness: 0.5, contrast: 0.5 },
      { noise: 0.3 },
    ];
    const none = { shift: 0, rotate: 0, scale: 0, flip: false, brightness: 0, contrast: 0, noise: 0 };
    for (const patch of alone)
      await runCase({
        shape: [3, 9, 11],
        count: 5,
        batch: 13,
        start: 0,
        steps: [7],
        amounts: { ...none, ...patch },
      });
    await runCase({ shape: [3, 9, 11], count: 5, batch: 1, start: 2, steps: [1, 2], amounts: ALL });
  });
  it('with nothing to do is the plain gather (pixels / 255, normalised)', async () => {
    const none = { shift: 0, rotate: 0, scale: 0, flip: false, brightness: 0, contrast: 0, noise: 0 };
    await runCase({ shape: [1, 28, 28], count: 4, batch: 3, start: 0, steps: [0], amounts: none });
  });
  it.each(loadFixture('augment').augment_gather.map((c, k) => [k, c] as const))(
    "matches PyTorch's affine_grid + grid_sample, fixture case %i",
    async (_, c) => {
      const [got] = await gpuAugment({
        shape: c.shape as [number, number, number],
        images: Uint8Array.from(c.images as number[]),
        labels: Uint8Array.from(c.labels as number[]),
        indices: Uint32Array.from(c.indices as number[]),
        batch: c.batch as number,
        start: c.start as number,
        steps: [c.step as number],
        amounts: c.amounts as AugmentAmounts,
        seeds: { seed: c.seed as number, noiseSeed: c.noise_seed as number },
      });
      expectClose(got.x, c.x as number[], { atol: 1e-5, rtol: 0 });
      expect(Array.from(got.y)).toEqual(c.y);
    },
  );
});
