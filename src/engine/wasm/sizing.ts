// How many bytes of a wasm arena some code's arrays take: the code runs once on the reference ops with a
// counting alloc, each array rounded up as the arena places it. A plain (unshared) memory cannot grow once
// arrays are out, so an owner rebuilding a model sizes it first (buildAfresh).
import { referenceOps, type CpuOps } from '../cpu-ops';
import { ALIGN } from './arena';
import type { WasmOps } from './create';

/** The arena bytes one array of `floats` takes. */
export const arrayBytes = (floats: number) => Math.ceil((floats * 4) / ALIGN) * ALIGN;

export function arenaBytes(build: (ops: CpuOps) => void): number {
  let bytes = 0;
  const alloc = (floats: number) => {
    bytes += arrayBytes(floats);
    return new Float32Array(floats);
  };
  build({
    ...referenceOps,
    alloc,
    sgdState: (n) => ({ momentumBuffer: alloc(n), step: 0 }),
    adamState: (n) => ({ expAvg: alloc(n), expAvgSq: alloc(n), step: 0 }),
  });
  return bytes;
}

const isWasm = (ops: CpuOps): ops is WasmOps => typeof (ops as Partial<WasmOps>).release === 'function';

/**
 * `build(ops)` on ops that hold nothing else: wasm ops first take back every array they handed out, and a
 * plain memory is sized for the build plus `laterBytes` its result allocates afterwards.
 */
export function buildAfresh<T>(ops: CpuOps, build: (ops: CpuOps) => T, laterBytes = 0): T {
  if (isWasm(ops)) ops.release(ops.shared ? 0 : arenaBytes(build) + laterBytes);
  return build(ops);
}
