// How a conv kernel walks one image in tiles that fit its thread's scratch: kc rows of the unrolled input
// (k = ci, ky, kx) by pt output positions. Depends only on the geometry and the scratch size, never on the
// thread count, so every output is summed in the same order whichever thread computes it.
import { ConvShape } from './im2col';

/** Bytes at the start of a thread's scratch that hold its ConvShape. */
export const SHAPE_BYTES: usize = 64;

/** The ConvShape of this thread's scratch region (written by the kernel on entry). */
export function shapeAt(scratch: usize): ConvShape {
  return changetype<ConvShape>(scratch);
}

/** Floats of a thread's scratch left for tiles after its ConvShape. */
export function tileFloats(scratchFloats: i32): i32 {
  return scratchFloats - <i32>(SHAPE_BYTES >> 2);
}

/** Rows of the unrolled input per tile: all of them when 8 columns of each fit. */
export function tileRows(k: i32, capacity: i32): i32 {
  return min(k, capacity >> 3);
}

/** Output positions per tile: a multiple of 8, as many as fit beside `rows` rows, at most the image's. */
export function tileCols(p: i32, rows: i32, capacity: i32): i32 {
  const fit = (capacity / rows) & ~7;
  return min((p + 7) & ~7, fit);
}

export function roundUp8(n: i32): i32 {
  return (n + 7) & ~7;
}
