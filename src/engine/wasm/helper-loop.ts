// A helper thread's life: instantiate the kernels on the shared memory, then serve calls until told to
// exit. It waits on the control block's generation (a short spin, then Atomics.wait), runs its part of the
// named kernel with the caller's arguments, and counts itself out of `pending`. Shared by the browser's
// worker (helper.worker.ts) and Node's (testing/node-helper.ts).
import { ARGS_OFFSET, MAX_ARGS, SLOT, type HelperInit } from './control';
import { instantiate, KERNEL_NAMES } from './kernels';

/** Polls before sleeping: calls of one training step follow each other within microseconds. */
const SPIN = 20_000;

/** Serves until told to exit; `ready` is called once the helper is listening, before any call can be missed. */
export function serveKernels(init: HelperInit, ready: () => void): void {
  const kernels = instantiate(init.module, init.memory) as unknown as Record<
    string,
    (...a: number[]) => void
  >;
  const control = new Int32Array(init.memory.buffer, init.control, ARGS_OFFSET / 4);
  const args = new Float64Array(init.memory.buffer, init.control + ARGS_OFFSET, MAX_ARGS);
  let seen = Atomics.load(control, SLOT.generation);
  ready();
  for (;;) {
    let spins = 0;
    while (spins < SPIN && Atomics.load(control, SLOT.generation) === seen) spins++;
    while (Atomics.load(control, SLOT.generation) === seen) Atomics.wait(control, SLOT.generation, seen);
    seen = Atomics.load(control, SLOT.generation);
    const kernel = control[SLOT.kernel];
    if (kernel < 0) return;
    const parts = control[SLOT.parts];
    if (init.part >= parts) continue;
    try {
      kernels[KERNEL_NAMES[kernel]](...args.subarray(0, control[SLOT.argCount]), init.part, parts);
    } catch {
      Atomics.store(control, SLOT.failed, 1);
    }
    if (Atomics.sub(control, SLOT.pending, 1) === 1) Atomics.notify(control, SLOT.pending);
  }
}
