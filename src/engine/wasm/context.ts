// What every wasm op needs: the memory (for pointers), the thread pool, this backend's result and label
// areas, and the rule that decides how many parts a call is cut into.
import type { WasmArena } from './arena';
import type { ThreadPool } from './threads';

export interface WasmContext {
  arena: WasmArena;
  pool: ThreadPool;
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

/** Parts per thread: enough that a thread the system holds back leaves little for the others to wait on. */
const PARTS_PER_THREAD = 4;

/** How many parts to cut a call of `work` multiply-adds into: 1 (whole, on the caller) when small. */
export function partsFor(ctx: WasmContext, work: number): number {
  return work >= PARALLEL_WORK && ctx.pool.threads > 1 ? ctx.pool.threads * PARTS_PER_THREAD : 1;
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
