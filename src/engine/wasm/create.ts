// createWasmOps: the CpuOps on the WebAssembly SIMD kernels (assembly/), on one thread or several. With
// threads > 1 the memory is shared (SharedArrayBuffer: cross-origin isolated pages, workers of such pages,
// Node) and helper threads run parts of each kernel; results are the same for any thread count, because
// every kernel splits its outputs, never a sum.
import type { CpuOps } from '../cpu-ops';
import { PAGE, WasmArena } from './arena';
import type { WasmContext } from './context';
import { instantiate, kernelUrl } from './kernels';
import { withReferenceFallback } from './fallback';
import { convOps } from './ops-conv';
import { elementwiseOps } from './ops-elementwise';
import { linearOps } from './ops-linear';
import { lossOps } from './ops-loss';
import { normOps } from './ops-norm';
import { optimOps } from './ops-optim';
import { poolOps } from './ops-pool';
import { spawnBrowserHelper, ThreadPool, type SpawnHelper } from './threads';

export interface WasmOpsOptions {
  /** Threads running each large kernel, the calling one included (default 1). */
  threads?: number;
  /** The memory is shared (default: wherever SharedArrayBuffer is allowed); threads > 1 require it. */
  shared?: boolean;
  /** Memory to start with; a plain (unshared) memory can never hold more (default 128 MiB plain, 16 shared). */
  reserveBytes?: number;
  /** The most a shared memory may grow to (default 1 GiB). */
  maximumBytes?: number;
  /** Compiles the kernels; defaults to fetching the .wasm bundled beside this file. */
  loadModule?: (shared: boolean) => Promise<WebAssembly.Module>;
  /** Starts a helper thread; defaults to a module Worker (helper.worker.ts). */
  spawn?: SpawnHelper;
}

export interface WasmOps extends CpuOps {
  readonly threads: number;
  readonly shared: boolean;
  /**
   * Takes back every array from alloc at once (none may be used again) and makes room for `capacityBytes`
   * of new ones, which a plain memory can then hand out without growing (see arena.ts).
   */
  release(capacityBytes?: number): void;
}

/** Floats of conv tile scratch per thread: 256 KiB, the size of a typical L2 share. */
const SCRATCH_FLOATS = 65536;
/** Most labels one cross-entropy call may take. */
const LABEL_CAPACITY = 16384;
const MiB = 2 ** 20;

/** Whether this context may share wasm memory between threads. */
export function sharedMemoryAllowed(): boolean {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  return typeof SharedArrayBuffer !== 'undefined' && isolated !== false;
}

/** Fetches and compiles the kernels bundled beside this file (the default loadModule). */
export async function fetchKernels(shared: boolean): Promise<WebAssembly.Module> {
  const response = await fetch(kernelUrl(shared));
  if (!response.ok) throw new Error(`wasm ops: could not load the kernels (HTTP ${response.status})`);
  return WebAssembly.compile(await response.arrayBuffer());
}

function memoryFor(shared: boolean, reserve: number, maximum: number): WebAssembly.Memory {
  const initial = Math.ceil(reserve / PAGE);
  if (!shared) return new WebAssembly.Memory({ initial });
  // A shared memory reserves its maximum up front; where that fails, a quarter of it may not.
  for (const max of [maximum, maximum / 4]) {
    try {
      return new WebAssembly.Memory({
        initial,
        maximum: Math.max(initial, Math.ceil(max / PAGE)),
        shared: true,
      });
    } catch {
      continue;
    }
  }
  throw new Error(`wasm ops: could not reserve a shared memory of ${maximum / 4 / MiB} MiB`);
}

export async function createWasmOps(options: WasmOpsOptions = {}): Promise<WasmOps> {
  const threads = options.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) {
    throw new Error(`wasm ops: threads must be an integer in [1, 64], got ${threads}`);
  }
  const shared = options.shared ?? sharedMemoryAllowed();
  if (threads > 1 && !shared) {
    throw new Error('wasm ops: threads > 1 need a shared memory, which needs cross-origin isolation');
  }
  const module = await (options.loadModule ?? fetchKernels)(shared);
  const memory = memoryFor(
    shared,
    options.reserveBytes ?? (shared ? 16 : 128) * MiB,
    options.maximumBytes ?? 1024 * MiB,
  );
  const kernels = instantiate(module, memory);
  const arena = new WasmArena(memory, shared, kernels.heapBase());
  const result = arena.reserve(16);
  const labels = arena.reserve(LABEL_CAPACITY * 4);
  const spawn = options.spawn ?? (threads > 1 ? spawnBrowserHelper : undefined);
  const pool = await ThreadPool.start(kernels, module, arena, threads, SCRATCH_FLOATS, spawn);
  const ctx: WasmContext = {
    arena,
    pool,
    result,
    labels,
    labelCapacity: LABEL_CAPACITY,
  };
  const alloc = (floats: number) => arena.alloc(floats);
  const ops = withReferenceFallback({
    alloc,
    dispose: () => pool.stop(),
    ...convOps(ctx),
    ...linearOps(ctx),
    ...poolOps(ctx),
    ...normOps(ctx),
    ...elementwiseOps(ctx),
    ...lossOps(ctx),
    ...optimOps(ctx, alloc),
  });
  return { ...ops, threads, shared, release: (bytes) => arena.release(bytes) };
}
