// One wasm backend per test file under Node, started before its tests and disposed after them.
import { afterAll, beforeAll } from 'vitest';
import type { CpuOps } from '../../cpu-ops';
import type { WasmOps } from '../create';
import { createNodeWasmOps } from './node';
import { staged } from './staged';

export interface WasmSuite {
  /** The backend itself: arrays must come from its alloc. */
  ops(): WasmOps;
  /** The backend behind the staging adapter: takes plain arrays like the reference. */
  staged(): CpuOps;
}

export function wasmSuite(threads = 1): WasmSuite {
  let ops: WasmOps | null = null;
  let adapter: CpuOps | null = null;
  beforeAll(async () => {
    ops = await createNodeWasmOps(threads);
    adapter = staged(ops);
  });
  afterAll(() => ops?.dispose());
  return { ops: () => ops!, staged: () => adapter! };
}
