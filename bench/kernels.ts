// Kernel-level figures of our engine: matmul 1024³ and the conv passes at LeNet-5 shapes from the engine's
// own bench helpers, the Linear passes at LeNet-5 shapes through the same planners the model uses, and the
// per-kernel breakdown of one whole training step.
import { BufferArena } from '../src/gpu/buffers';
import { acquireGpu } from '../src/gpu/device';
import { benchConv2d, type ConvBenchRow } from '../src/engine/ops/conv2d.bench';
import {
  planLinearBackwardInput,
  planLinearBackwardWeight,
  planLinearForward,
} from '../src/engine/ops/linear';
import { benchMatmul, type MatmulBench } from '../src/engine/ops/matmul.bench';
import type { EngineContext, PlannedOp } from '../src/engine/op';
import { tensor } from '../src/engine/tensor';
import { GpuBackend } from '../src/training/gpu-backend';
import { hostDataset, loadMnist, sampleOrder } from './data';
import { recordDispatches, timeDispatches, timestampDispatches } from './dispatch-recorder';
import { benchHyper, lenetModel, POOL, SEED } from './setup';

export interface LinearBenchRow {
  layer: string;
  pass: 'forward' | 'backward_input' | 'backward_weight';
  ms: number;
  gflops: number;
}

export interface BreakdownRow {
  index: number;
  kernel: string;
  op: string;
  workgroups: number[];
  /** Isolated replay, timed to onSubmittedWorkDone. */
  ms: number;
  /** In step order, from timestamp queries (null without the feature). */
  gpuMs: number | null;
}

async function medianMs(device: GPUDevice, op: PlannedOp, rounds = 3, reps = 8): Promise<number> {
  const once = async (n: number) => {
    const encoder = device.createCommandEncoder({ label: `bench/${op.label}` });
    const pass = encoder.beginComputePass({ label: `bench/${op.label}` });
    for (let r = 0; r < n; r++) op.encode(pass);
    pass.end();
    const t0 = performance.now();
    device.queue.submit([encoder.finish()]);
    await device.queue.onSubmittedWorkDone();
    return (performance.now() - t0) / n;
  };
  await once(1);
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) times.push(await once(reps));
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Forward, dx and dW of LeNet-5's three Linear layers at batch B: each 2·B·in·out flops. */
async function benchLinear(device: GPUDevice, B: number): Promise<LinearBenchRow[]> {
  const rows: LinearBenchRow[] = [];
  for (const [inF, outF] of [
    [400, 120],
    [120, 84],
    [84, 10],
  ]) {
    const ctx: EngineContext = { device, arena: new BufferArena(device, 'bench/linear') };
    try {
      const fill = (n: number) =>
        Float32Array.from({ length: n }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5);
      const t = (name: string, shape: number[]) =>
        tensor(ctx.arena.upload(name, fill(shape.reduce((a, b) => a * b, 1))), shape);
      const [x, w, b, y, dy, dx, dw] = [
        t('x', [B, inF]),
        t('w', [outF, inF]),
        t('b', [outF]),
        t('y', [B, outF]),
        t('dy', [B, outF]),
        t('dx', [B, inF]),
        t('dw', [outF, inF]),
      ];
      const layer = `fc ${inF}->${outF} batch ${B}`;
      const ops: [LinearBenchRow['pass'], PlannedOp][] = [
        ['forward', planLinearForward(ctx, { x, weight: w, bias: b, y })],
        ['backward_input', planLinearBackwardInput(ctx, { dy, weight: w, dx })],
        ['backward_weight', planLinearBackwardWeight(ctx, { dy, x, dWeight: dw })],
      ];
      const flops = 2 * B * inF * outF;
      for (const [pass, op] of ops) {
        const ms = await medianMs(device, op);
        rows.push({ layer, pass, ms, gflops: flops / (ms * 1e6) });
      }
    } finally {
      ctx.arena.destroy();
    }
  }
  return rows;
}

/** Every dispatch of one LeNet-5 training step at batch B, timed in isolation, and the whole step's time. */
async function stepBreakdown(device: GPUDevice, B: number) {
  const data = hostDataset(await loadMnist());
  const errors: string[] = [];
  const backend = new GpuBackend(
    device,
    () => undefined,
    (message) => errors.push(message),
  );
  try {
    backend.syncDataset(data, 'train', 0, data.train.available);
    const { desc, init } = lenetModel(B);
    backend.build(desc, benchHyper(B), init);
    backend.setOrder(sampleOrder(POOL, SEED));
    for (let k = 0; k < 3; k++) backend.step(k * B, k);
    await device.queue.onSubmittedWorkDone();
    const t0 = performance.now();
    const steps = 10;
    for (let k = 0; k < steps; k++) {
      backend.step(k * B, k);
      await device.queue.onSubmittedWorkDone();
    }
    const stepMs = (performance.now() - t0) / steps;
    const dispatches = recordDispatches(() => backend.step(0, 0));
    await device.queue.onSubmittedWorkDone();
    const times = await timeDispatches(device, dispatches);
    const stamps = device.features.has('timestamp-query')
      ? await timestampDispatches(device, dispatches)
      : null;
    if (errors.length) throw new Error(`WebGPU errors during the breakdown: ${errors.join(' | ')}`);
    const rows: BreakdownRow[] = dispatches.map((d, i) => ({
      index: i,
      kernel: d.kernel,
      op: d.op,
      workgroups: d.workgroups,
      ms: times[i],
      gpuMs: stamps ? stamps[i] : null,
    }));
    const byKernel = new Map<
      string,
      { kernel: string; dispatches: number; ms: number; gpuMs: number | null }
    >();
    for (const r of rows) {
      const e = byKernel.get(r.kernel) ?? {
        kernel: r.kernel,
        dispatches: 0,
        ms: 0,
        gpuMs: stamps ? 0 : null,
      };
      e.dispatches += 1;
      e.ms += r.ms;
      if (e.gpuMs !== null && r.gpuMs !== null) e.gpuMs += r.gpuMs;
      byKernel.set(r.kernel, e);
    }
    return {
      batch: B,
      method:
        'ms: each dispatch of one step replayed alone, timed to onSubmittedWorkDone (median of 3 × 5 reps); ' +
        'gpuMs: the step replayed in order, one pass per dispatch with timestamp queries (median of 3)',
      stepMsWhole: stepMs,
      stepMsSumOfDispatches: times.reduce((a, b) => a + b, 0),
      stepGpuMsSumOfDispatches: stamps ? stamps.reduce((a, b) => a + b, 0) : null,
      dispatches: rows,
      byKernel: [...byKernel.values()].sort((a, b) => b.ms - a.ms),
    };
  } finally {
    backend.destroy();
  }
}

export interface KernelsResult {
  matmul: MatmulBench;
  conv: ConvBenchRow[];
  linear: LinearBenchRow[];
  breakdown: Awaited<ReturnType<typeof stepBreakdown>>[];
}

export async function runKernels(options: { matmulSize: number; batches: number[] }): Promise<KernelsResult> {
  const { device } = await acquireGpu();
  try {
    const matmul = await benchMatmul(device, options.matmulSize);
    const conv = await benchConv2d(device);
    const linear = await benchLinear(device, 64);
    const breakdown = [];
    for (const B of options.batches) breakdown.push(await stepBreakdown(device, B));
    return { matmul, conv, linear, breakdown };
  } finally {
    device.destroy();
  }
}
