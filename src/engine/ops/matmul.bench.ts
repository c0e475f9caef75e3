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
}

async function timeOnce(ctx: EngineContext, encode: (pass: GPUComputePassEncoder) => void, reps: number) {
  const encoder = ctx.device.createCommandEncoder({ label: 'bench/matmul' });
  const pass = encoder.beginComputePass({ label: 'bench/matmul' });
  for (let r = 0; r < reps; r++) encode(pass);
  pass.end();
  const start = performance.now();
  ctx.device.queue.submit([encoder.finish()]);
  await ctx.device.queue.onSubmittedWorkDone();
  return (performance.now() - start) / reps;
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
    const times: number[] = [];
    for (let r = 0; r < rounds; r++) times.push(await timeOnce(ctx, (pass) => op.encode(pass), reps));
    times.sort((x, y) => x - y);
    const ms = times[Math.floor(times.length / 2)];
    return { size, ms, gflops: (2 * size ** 3) / (ms * 1e6) };
  } finally {
    ctx.arena.destroy();
  }
}
