// A helper thread's life: instantiate the kernels on the shared memory, then serve calls until told to
// exit. It waits for the control block's generation to move (a short spin, then Atomics.wait), claims parts
// of the call until none is left, runs each with the call's arguments, and counts it done. Shared by the
// browser's worker (helper.worker.ts) and Node's (testing/node-helper.ts).
import { ARGS_OFFSET, claimPart, MAX_ARGS, SLOT, tagOf, type HelperInit } from './control';
import { instantiate, KERNEL_NAMES } from './kernels';

/** Polls before sleeping: the calls of one training step follow each other within microseconds. */
const SPIN = 20_000;

/** Serves until told to exit; `ready` is called once the helper is listening, before any call can be missed. */
export function serveKernels(init: HelperInit, ready: () => void): void {
  const kernels = instantiate(init.module, init.memory);
  kernels.setScratch(init.scratch, init.scratchFloats);
  const named = kernels as unknown as Record<string, (...a: number[]) => void>;
  const control = new Int32Array(init.memory.buffer, init.control, ARGS_OFFSET / 4);
  const args = new Float64Array(init.memory.buffer, init.control + ARGS_OFFSET, MAX_ARGS);
  let seen = Atomics.load(control, SLOT.generation);
  ready();
  for (;;) {
    let spins = 0;
    while (spins < SPIN && Atomics.load(control, SLOT.generation) === seen) spins++;
    while (Atomics.load(control, SLOT.generation) === seen) Atomics.wait(control, SLOT.generation, seen);
    seen = Atomics.load(control, SLOT.generation);
    if (control[SLOT.kernel] < 0) return;
    const tag = tagOf(seen);
    for (let part = claimPart(control, tag); part >= 0; part = claimPart(control, tag)) {
      const parts = control[SLOT.parts];
      try {
        named[KERNEL_NAMES[control[SLOT.kernel]]](...args.subarray(0, control[SLOT.argCount]), part, parts);
      } catch {
        Atomics.store(control, SLOT.failed, 1);
      }
      if (Atomics.add(control, SLOT.done, 1) + 1 === parts) Atomics.notify(control, SLOT.done);
    }
  }
}
