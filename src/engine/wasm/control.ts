// The block in wasm memory through which the calling thread shares a kernel call with the helper threads:
// int32 slots, then the call's arguments as float64 (every kernel argument is a pointer, an integer or a
// float, all exact in a float64). A call is cut into parts (more than there are threads), and every thread
// claims parts until none is left, so a thread the system holds back delays the call by one part at most.

/** Int32 slots of the control block. */
export const SLOT = {
  /** Bumped for every call; sleeping helpers wait on it. */
  generation: 0,
  /** Index into KERNEL_NAMES, or -1: helpers exit. */
  kernel: 1,
  argCount: 2,
  /** Parts of the current call. */
  parts: 3,
  /** The current call's tag (high bits) and its next unclaimed part (low PART_BITS bits). */
  claim: 4,
  /** Parts finished, by any thread; the caller waits for all of them. */
  done: 5,
  /** Set by a helper whose part threw; the caller then throws. */
  failed: 6,
} as const;

export const ARGS_OFFSET = 64;
export const MAX_ARGS = 32;
export const CONTROL_BYTES = ARGS_OFFSET + MAX_ARGS * 8;

const PART_BITS = 10;
/** Most parts one call may be cut into. */
export const MAX_PARTS = 1 << PART_BITS;
const TAG_MASK = (1 << (32 - PART_BITS)) - 1;

/** The claim tag of call number `generation` (22 bits: a thread would have to sleep through 4M calls to err). */
export const tagOf = (generation: number) => generation & TAG_MASK;

/** The claim word that opens call `tag` at part 0. */
export const openClaim = (tag: number) => tag << PART_BITS;

/**
 * Claims the next part of call `tag`: its index, or -1 when every part is taken or another call has begun.
 * The caller's writes of kernel, arguments and parts happen before it opens the claim, so once a claim
 * succeeds they are this call's.
 */
export function claimPart(control: Int32Array, tag: number): number {
  for (;;) {
    const word = Atomics.load(control, SLOT.claim);
    const next = word & (MAX_PARTS - 1);
    if (word >>> PART_BITS !== tag || next >= control[SLOT.parts]) return -1;
    if (Atomics.compareExchange(control, SLOT.claim, word, word + 1) === word) return next;
  }
}

/** What a helper thread is sent once, before it starts serving calls. */
export interface HelperInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  /** Byte offset of the control block. */
  control: number;
  /** This thread's conv tile scratch. */
  scratch: number;
  scratchFloats: number;
}
