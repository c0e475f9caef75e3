// Test-only helpers for GPU op tests: a fresh context per test, host data uploaded as tensors, seeded data.
import { BufferArena, readFloat32 } from '../../../gpu/buffers';
import type { EngineContext } from '../../op';
import { sizeOf, tensor, type Tensor } from '../../tensor';

export function testContext(device: GPUDevice, label = 'test'): EngineContext {
  return { device, arena: new BufferArena(device, label) };
}

export function upload(ctx: EngineContext, name: string, data: ArrayLike<number>, shape: readonly number[]) {
  if (data.length !== sizeOf(shape)) throw new Error(`${name}: ${data.length} values for shape [${shape}]`);
  return tensor(ctx.arena.upload(name, Float32Array.from(data)), shape);
}

export function uploadU32(ctx: EngineContext, name: string, data: ArrayLike<number>): Tensor {
  return tensor(ctx.arena.upload(name, Uint32Array.from(data)), [data.length]);
}

export function empty(ctx: EngineContext, name: string, shape: readonly number[]): Tensor {
  return tensor(ctx.arena.storage(name, sizeOf(shape) * 4), shape);
}

export function read(ctx: EngineContext, t: Tensor): Promise<Float32Array> {
  return readFloat32(ctx.device, t.buffer, sizeOf(t.shape), t.offset);
}

/** Encodes the ops' dispatches into one compute pass of one encoder and submits it. */
export function run(ctx: EngineContext, ...ops: { encode(pass: GPUComputePassEncoder): void }[]): void {
  const encoder = ctx.device.createCommandEncoder({ label: 'test' });
  const pass = encoder.beginComputePass({ label: 'test' });
  for (const op of ops) op.encode(pass);
  pass.end();
  ctx.device.queue.submit([encoder.finish()]);
}

/** Seeded uniform values in [lo, hi) (mulberry32), so a failure reproduces. */
export function randomArray(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = lo + (hi - lo) * (((t ^ (t >>> 14)) >>> 0) / 4294967296);
  }
  return out;
}
