// Runs kernels on the calling thread and up to threads - 1 helpers sharing the wasm memory. A call writes its
// kernel and arguments into the control block, opens its parts for claiming and wakes the helpers; every
// thread, the caller included, then claims and runs parts until none is left, and the caller waits until all
// are done. Calls are synchronous, so the ops keep the reference's signatures. The browser's main thread may
// not block, so there the caller spins; in a worker it spins briefly, then sleeps.
import type { WasmArena } from './arena';
import {
  ARGS_OFFSET,
  claimPart,
  CONTROL_BYTES,
  MAX_ARGS,
  MAX_PARTS,
  openClaim,
  SLOT,
  tagOf,
  type HelperInit,
} from './control';
import {
  KERNEL_NAMES,
  type KernelArgs,
  type KernelExports,
  type SerialKernel,
  type ThreadedKernel,
} from './kernels';

/** A started helper thread: a Worker or a Node worker_threads Worker behind the same two calls. */
export interface HelperThread {
  /** Resolves once the helper listens for calls. */
  ready: Promise<void>;
  terminate(): void;
}

/** Starts one helper thread serving `init` (see helper.worker.ts and testing/node-helper.ts). */
export type SpawnHelper = (init: HelperInit) => HelperThread;

const SPIN = 20_000;

function canBlock(): boolean {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}

export class ThreadPool {
  private readonly control: Int32Array | null;
  private readonly args: Float64Array | null;
  private readonly blocking: boolean;
  private helpers: HelperThread[] = [];
  private generation = 0;
  private stopped = false;

  private constructor(
    private readonly kernels: KernelExports,
    readonly threads: number,
    controlAt: number,
    memory: WebAssembly.Memory,
  ) {
    this.control = threads > 1 ? new Int32Array(memory.buffer, controlAt, ARGS_OFFSET / 4) : null;
    this.args = threads > 1 ? new Float64Array(memory.buffer, controlAt + ARGS_OFFSET, MAX_ARGS) : null;
    this.blocking = threads > 1 && canBlock();
  }

  /**
   * A pool of `threads` (the caller and threads - 1 helpers, which need a shared memory), each with
   * `scratchFloats` floats of conv tile scratch of its own.
   */
  static async start(
    kernels: KernelExports,
    module: WebAssembly.Module,
    arena: WasmArena,
    threads: number,
    scratchFloats: number,
    spawn: SpawnHelper | undefined,
  ): Promise<ThreadPool> {
    if (threads > 1 && !arena.shared) {
      throw new Error(
        'wasm ops: threads > 1 need a shared memory (SharedArrayBuffer: cross-origin isolation)',
      );
    }
    if (threads > 1 && !spawn) throw new Error('wasm ops: threads > 1 need a way to start helper threads');
    const scratch = arena.reserve(threads * scratchFloats * 4);
    kernels.setScratch(scratch, scratchFloats);
    const control = threads > 1 ? arena.reserve(CONTROL_BYTES) : 0;
    const pool = new ThreadPool(kernels, threads, control, arena.memory);
    for (let t = 1; t < threads; t++) {
      const own = scratch + t * scratchFloats * 4;
      pool.helpers.push(spawn!({ module, memory: arena.memory, control, scratch: own, scratchFloats }));
    }
    try {
      await Promise.all(pool.helpers.map((h) => h.ready));
    } catch (error) {
      pool.stop();
      throw error;
    }
    return pool;
  }

  /** Runs a kernel cut into `parts` (1: whole, on the calling thread), all threads claiming parts. */
  run<K extends ThreadedKernel>(name: K, args: KernelArgs<K>, parts: number): void {
    if (this.stopped) throw new Error('wasm ops: used after dispose()');
    const fn = this.kernels[name] as unknown as (...a: number[]) => void;
    const values = args as unknown as number[];
    if (parts <= 1 || this.threads === 1) {
      fn(...values, 0, 1);
      return;
    }
    const control = this.control!;
    const n = Math.min(parts, MAX_PARTS);
    this.args!.set(values);
    control[SLOT.kernel] = KERNEL_NAMES.indexOf(name);
    control[SLOT.argCount] = values.length;
    control[SLOT.parts] = n;
    control[SLOT.failed] = 0;
    Atomics.store(control, SLOT.done, 0);
    const tag = tagOf(++this.generation);
    Atomics.store(control, SLOT.claim, openClaim(tag));
    Atomics.store(control, SLOT.generation, this.generation);
    Atomics.notify(control, SLOT.generation);
    let failure: unknown = null;
    for (let part = claimPart(control, tag); part >= 0; part = claimPart(control, tag)) {
      try {
        fn(...values, part, n);
      } catch (error) {
        failure ??= error;
      }
      Atomics.add(control, SLOT.done, 1);
    }
    this.wait(n);
    if (failure) throw failure;
    if (control[SLOT.failed]) throw new Error(`wasm ops: ${name} failed on a helper thread`);
  }

  /** A kernel without parts, on the calling thread. */
  call<K extends SerialKernel>(name: K, ...args: Parameters<KernelExports[K]>): void {
    if (this.stopped) throw new Error('wasm ops: used after dispose()');
    (this.kernels[name] as unknown as (...a: number[]) => void)(...(args as number[]));
  }

  /** Until `parts` parts are done: the helpers may still be running the parts they claimed. */
  private wait(parts: number): void {
    const control = this.control!;
    let spins = 0;
    for (;;) {
      const done = Atomics.load(control, SLOT.done);
      if (done === parts) return;
      if (this.blocking && ++spins > SPIN) Atomics.wait(control, SLOT.done, done);
    }
  }

  /** Tells the helpers to exit and ends their threads. */
  stop(): void {
    this.stopped = true;
    if (this.control && this.helpers.length > 0) {
      this.control[SLOT.kernel] = -1;
      Atomics.store(this.control, SLOT.generation, ++this.generation);
      Atomics.notify(this.control, SLOT.generation);
    }
    for (const h of this.helpers) h.terminate();
    this.helpers = [];
  }
}

/** The browser's helper: a module worker built from helper.worker.ts. */
export const spawnBrowserHelper: SpawnHelper = (init) => {
  const worker = new Worker(new URL('./helper.worker.ts', import.meta.url), {
    type: 'module',
    name: 'wasm-kernels',
  });
  const ready = new Promise<void>((resolve, reject) => {
    worker.onmessage = () => resolve();
    worker.onerror = (e) => reject(new Error(`wasm ops: a helper thread failed to start: ${e.message}`));
  });
  worker.postMessage(init);
  return { ready, terminate: () => worker.terminate() };
};
