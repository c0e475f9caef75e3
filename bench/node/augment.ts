// The cost of augmenting a training batch, per batch of 64, on whatever WebGPU adapter Dawn finds
// (SwiftShader on a machine without a GPU driver): the GPU's augment_gather against the plain gather it
// replaces, and the CPU reference per batch (what the CPU backends do each step, and what the earlier
// per-epoch path spent per step on the CPU before re-uploading the whole training set). Reported, never
// asserted.   node --import ./scripts/engine-node.mjs bench/node/augment.ts
import { acquireGpu } from '../../src/gpu/device';
import { BufferArena, uploadBuffer } from '../../src/gpu/buffers';
import type { PlannedOp } from '../../src/engine/op';
import { planAugmentGather } from '../../src/engine/ops/augment-gather';
import { packBytes, planGatherBatch } from '../../src/engine/ops/gather-batch';
import {
  augmentImage,
  drawSampleTransform,
  gatherAugmentBatch,
  type AugmentAmounts,
} from '../../src/engine/reference/augment-batch';
import { gatherBatch } from '../../src/engine/reference/gather-batch';
import { tensor } from '../../src/engine/tensor';

const BATCH = 64;
const COUNT = 256;
const NORM = { mean: 0.5, std: 0.25 };
const SEEDS = { seed: 1, noiseSeed: 2 };
const GEOMETRY: AugmentAmounts = {
  shift: 2,
  rotate: 15,
  scale: 0.1,
  flip: true,
  brightness: 0.1,
  contrast: 0.1,
  noise: 0,
};
const say = (line: string) => process.stdout.write(`${line}\n`);
const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function gpuMs(device: GPUDevice, op: PlannedOp, reps = 20): Promise<number> {
  const once = async () => {
    const encoder = device.createCommandEncoder({ label: `bench/${op.label}` });
    const pass = encoder.beginComputePass();
    for (let r = 0; r < reps; r++) op.encode(pass);
    pass.end();
    const t0 = performance.now();
    device.queue.submit([encoder.finish()]);
    await device.queue.onSubmittedWorkDone();
    return (performance.now() - t0) / reps;
  };
  await once();
  const times: number[] = [];
  for (let r = 0; r < 5; r++) times.push(await once());
  return median(times);
}

function cpuMs(work: () => void, reps = 10): number {
  work();
  const times: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) work();
    times.push((performance.now() - t0) / reps);
  }
  return median(times);
}

const { device, info } = await acquireGpu();
say(`adapter: ${JSON.stringify(info)}`);
say(
  'shape      | GPU gather | GPU augment | + noise | CPU gather | CPU augment | + noise | per-epoch path, per step   (ms per batch of 64)',
);
for (const shape of [
  [1, 28, 28],
  [3, 32, 32],
  [3, 64, 64],
  [3, 96, 96],
] as [number, number, number][]) {
  const pixels = shape[0] * shape[1] * shape[2];
  const images = Uint8Array.from({ length: COUNT * pixels }, (_, i) => (i * 7919) & 0xff);
  const labels = Uint8Array.from({ length: COUNT }, (_, i) => i % 10);
  const order = Uint32Array.from({ length: COUNT }, (_, i) => (i * 37) % COUNT);
  const arena = new BufferArena(device, 'bench/augment');
  const gpuImages = uploadBuffer(device, 'images', packBytes(images));
  const t = {
    indices: uploadBuffer(device, 'indices', order),
    images: gpuImages,
    labels: uploadBuffer(device, 'labels', packBytes(labels)),
    x: tensor(arena.storage('x', BATCH * pixels * 4), [BATCH, ...shape]),
    y: tensor(arena.storage('y', BATCH * 4), [BATCH]),
  };
  const ctx = { device, arena };
  const plain = await gpuMs(device, planGatherBatch(ctx, t, NORM));
  const geometry = await gpuMs(
    device,
    planAugmentGather(ctx, t, NORM, { shape, amounts: GEOMETRY, seeds: SEEDS }),
  );
  const noisy = await gpuMs(
    device,
    planAugmentGather(ctx, t, NORM, { shape, amounts: { ...GEOMETRY, noise: 0.05 }, seeds: SEEDS }),
  );
  const x = new Float32Array(BATCH * pixels);
  const y = new Uint32Array(BATCH);
  const src = { images, labels, pixels };
  const cpuPlain = cpuMs(() => gatherBatch(src, order, 0, BATCH, NORM, x, y));
  const cpuAug = (a: AugmentAmounts) =>
    cpuMs(() => gatherAugmentBatch(src, shape, order, 0, BATCH, NORM, a, SEEDS, 3, x, y), 3);
  // The earlier path: every image augmented to bytes on the CPU once an epoch, then the whole training
  // set written to the GPU again; per step that is 64 images' worth of both.
  const bytes = new Uint8Array(BATCH * pixels);
  const epochPathOnce = async () => {
    const t0 = performance.now();
    for (let b = 0; b < BATCH; b++) {
      const from = order[b] * pixels;
      const t = drawSampleTransform(GEOMETRY, 1, 0, b);
      bytes.set(augmentImage(images.subarray(from, from + pixels), shape, t), b * pixels);
    }
    device.queue.writeBuffer(gpuImages, 0, packBytes(bytes));
    await device.queue.onSubmittedWorkDone();
    return performance.now() - t0;
  };
  await epochPathOnce();
  const epochTimes: number[] = [];
  for (let r = 0; r < 5; r++) epochTimes.push(await epochPathOnce());
  const epochPath = median(epochTimes);
  const f = (ms: number) => ms.toFixed(3).padStart(8);
  say(
    `${shape.join('×').padEnd(10)} | ${f(plain)} | ${f(geometry)} | ${f(noisy)} | ${f(cpuPlain)} | ${f(cpuAug(GEOMETRY))} | ${f(cpuAug({ ...GEOMETRY, noise: 0.05 }))} | ${f(epochPath)}`,
  );
  arena.destroy();
  for (const b of [t.indices, t.images, t.labels]) b.destroy();
}
device.destroy();
