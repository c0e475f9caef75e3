// What every wasm op needs: the memory (for pointers), the thread pool, this backend's scratch and result
// areas, and the rule that decides how many threads a call is worth.
import type { WasmArena } from './arena';
import type { ThreadPool } from './threads';

export interface WasmContext {
  arena: WasmArena;
  pool: ThreadPool;
  /** threads regions of scratchFloats floats: one per thread, for conv tiles. */
  scratch: number;
  scratchFloats: number;
  /** 16 bytes where the losses leave (loss: float64, correct: int32). */
  result: number;
  /** labelCapacity int32 slots where softmax cross-entropy's labels are copied after checking. */
  labels: number;
  labelCapacity: number;
}

/**
 * Below this many multiply-adds (or element updates) a call stays on the calling thread: waking a helper
 * costs some microseconds, about what 2^16 multiply-adds take.
 */
export const PARALLEL_WORK = 1 << 16;

export function partsFor(ctx: WasmContext, work: number): number {
  return work >= PARALLEL_WORK ? ctx.pool.threads : 1;
}

/** The pointer of an array the op reads or writes, after checking it holds at least `count` values. */
export function pointer(
  ctx: WasmContext,
  op: string,
  name: string,
  a: ArrayBufferView & { length: number },
  count: number,
): number {
  if (a.length < count) throw new Error(`${op}: ${name} has ${a.length} elements, needs ${count}`);
  return ctx.arena.address(`${op}: ${name}`, a);
}

/** Elements of a shape. */
export const count = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
