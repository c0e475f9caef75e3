// The block in wasm memory through which the calling thread hands a kernel call to the helper threads:
// int32 slots, then the call's arguments as float64 (every kernel argument is a pointer, an integer or a
// float, all exact in a float64).

/** Int32 slots of the control block. */
export const SLOT = {
  /** Bumped for every call; helpers wait on it. */
  generation: 0,
  /** Helpers still running the current call; the caller waits for 0. */
  pending: 1,
  /** Index into KERNEL_NAMES, or -1: helpers exit. */
  kernel: 2,
  /** Threads taking part in this call (part 0 is the caller). */
  parts: 3,
  argCount: 4,
  /** Set by a helper whose part threw; the caller then throws. */
  failed: 5,
} as const;

export const ARGS_OFFSET = 64;
export const MAX_ARGS = 32;
export const CONTROL_BYTES = ARGS_OFFSET + MAX_ARGS * 8;

/** What a helper thread is sent once, before it starts serving calls. */
export interface HelperInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  /** Byte offset of the control block. */
  control: number;
  /** This helper's part, 1 .. threads - 1. */
  part: number;
}
