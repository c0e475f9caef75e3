// Whole LeNet-5 training steps at batch 64 on this adapter with its conv -> ReLU -> max-pool chains fused (the
// rule) against the same model running them as separate passes (the 'conv2d.correlate_pool' sites answered
// 'separate'; every other site the rule's): interleaved blocks of steps, order alternating, medians of each
// block's process CPU time and wall time per step.
//   node --import ./scripts/engine-node.mjs bench/node/conv-pool-step.ts [--rounds N] [--block N]
import { acquireGpu } from '../../src/gpu/device';
import { hasQuadLanes } from '../../src/gpu/subgroups';
import type { TunableSite, VariantChooser } from '../../src/engine/op';
import { median } from '../../src/engine/tuning/tuner';
import { GpuBackend } from '../../src/training/gpu-backend';
import { benchHyper, lenetModel } from '../setup';
import { loadAverage, numberArg } from './ab';

const B = 64;

export async function convPoolStepAB(device: GPUDevice, rounds: number, block: number) {
  const count = 4096;
  const { desc, init } = lenetModel(B);
  const images = Uint8Array.from({ length: count * 784 }, (_, i) => (i * 2654435761) >>> 24);
  const labels = Uint8Array.from({ length: count }, (_, i) => i % 10);
  const split = { images, labels, capacity: count, available: count };
  const data = { pixels: 784, train: split, test: split };
  const errors: string[] = [];
  const separate: VariantChooser = {
    choose: (site: TunableSite) =>
      site.key.startsWith('conv2d.correlate_pool ') ? 'separate' : site.handPicked,
  };
  const backends = [separate, undefined].map((variants) => {
    const b = new GpuBackend(
      device,
      () => undefined,
      (m) => errors.push(m),
    );
    b.variants = variants;
    b.syncDataset(data, 'train', 0, count);
    b.build(desc, benchHyper(B), init);
    b.setOrder(Uint32Array.from({ length: count }, (_, i) => i));
    return b;
  });
  try {
    const run = async (b: GpuBackend) => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      for (let k = 0; k < block; k++) b.step(k * B, k);
      await device.queue.onSubmittedWorkDone();
      const c = process.cpuUsage(c0);
      return { cpu: (c.user + c.system) / 1000 / block, wall: (performance.now() - t0) / block };
    };
    for (const b of backends) await run(b);
    const cpu: number[][] = [[], []];
    const wall: number[][] = [[], []];
    for (let r = 0; r < rounds; r++) {
      for (const i of r % 2 ? [1, 0] : [0, 1]) {
        const t = await run(backends[i]);
        cpu[i].push(t.cpu);
        wall[i].push(t.wall);
      }
    }
    if (errors.length) throw new Error(`WebGPU errors in the step A/B: ${errors.join(' | ')}`);
    const [cpuMs, wallMs] = [cpu.map(median), wall.map(median)];
    return {
      /** [separate, fused], ms per step. */
      cpuMs,
      wallMs,
      cpuSpeedup: cpuMs[0] / cpuMs[1],
      wallSpeedup: wallMs[0] / wallMs[1],
    };
  } finally {
    for (const b of backends) b.destroy();
  }
}

if (process.argv[1]?.endsWith('conv-pool-step.ts')) {
  const { device } = await acquireGpu();
  try {
    if (!hasQuadLanes(device)) throw new Error('this adapter has no subgroup quad lanes: nothing to compare');
    const rounds = numberArg('rounds', 15);
    const loadBefore = loadAverage();
    const step = await convPoolStepAB(device, rounds, numberArg('block', 8));
    const load = [loadBefore, loadAverage()];
    process.stdout.write(`${JSON.stringify({ status: 'ok', rounds, load, ...step })}\n`);
  } finally {
    device.destroy();
  }
}
