// Matmul throughput: C = A·B at size³ (default 1024³), reported in GFLOP/s (2·size³ flops per product).
// Measured, never asserted: `npm run bench` reports it for whatever adapter runs.
import { BufferArena } from '../../gpu/buffers';
import type { EngineContext } from '../op';
import { tensor } from '../tensor';
import { planMatmul } from './matmul';

export interface MatmulBench {
  size: number;
  gflops: number;
  /** Median milliseconds per product. */
  ms: number;
  /**
   * GFLOP/s per second of this process's CPU time (Node only): on SwiftShader, a CPU, this ratio stays
   * meaningful when other work shares the machine and wall-clock figures do not.
   */
  gflopsPerCpuSecond?: number;
}

const cpuMs = (): number | undefined => {
  const usage = globalThis.process?.cpuUsage?.();
  return usage ? (usage.user + usage.system) / 1000 : undefined;
};

async function timeOnce(ctx: EngineContext, encode: (pass: GPUComputePassEncoder) => void, reps: number) {
  const encoder = ctx.device.createCommandEncoder({ label: 'bench/matmul' });
  const pass = encoder.beginComputePass({ label: 'bench/matmul' });
  for (let r = 0; r < reps; r++) encode(pass);
  pass.end();
  const start = performance.now();
  const cpuStart = cpuMs();
  ctx.device.queue.submit([encoder.finish()]);
  await ctx.device.queue.onSubmittedWorkDone();
  const cpuEnd = cpuMs();
  const cpu = cpuStart === undefined || cpuEnd === undefined ? undefined : (cpuEnd - cpuStart) / reps;
  return { wall: (performance.now() - start) / reps, cpu };
}

export async function benchMatmul(
  device: GPUDevice,
  size = 1024,
  opts: { preferSharedMemory?: boolean; rounds?: number; reps?: number } = {},
): Promise<MatmulBench> {
  const { preferSharedMemory = false, rounds = 3, reps = 2 } = opts;
  const ctx: EngineContext = { device, arena: new BufferArena(device, 'bench/matmul') };
  try {
    const values = Float32Array.from({ length: size * size }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5);
    const a = tensor(ctx.arena.upload('a', values), [size, size]);
    const b = tensor(ctx.arena.upload('b', values), [size, size]);
    const c = tensor(ctx.arena.storage('c', size * size * 4), [size, size]);
    const op = planMatmul(ctx, { a, b, c, preferSharedMemory, label: 'bench/matmul' });
    await timeOnce(ctx, (pass) => op.encode(pass), 1); // warm-up: pipeline compilation, first touch
    const times: { wall: number; cpu?: number }[] = [];
    for (let r = 0; r < rounds; r++) times.push(await timeOnce(ctx, (pass) => op.encode(pass), reps));
    times.sort((x, y) => x.wall - y.wall);
    const median = times[Math.floor(times.length / 2)];
    const flop = 2 * size ** 3;
    const result: MatmulBench = { size, ms: median.wall, gflops: flop / (median.wall * 1e6) };
    if (median.cpu) result.gflopsPerCpuSecond = flop / (median.cpu * 1e6);
    return result;
  } finally {
    ctx.arena.destroy();
  }
}
