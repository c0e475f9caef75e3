// The range of output positions whose tap lands inside the input, as in the reference's firstValid/endValid:
// along one axis a tap at output o reads input o*s + offset.

/** floor(a / b) for b > 0, also for negative a. */
export function floorDiv(a: i32, b: i32): i32 {
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/** First output o >= 0 with o*s + offset >= 0. */
export function firstValid(offset: i32, s: i32): i32 {
  return offset >= 0 ? 0 : (-offset + s - 1) / s;
}

/** One past the last output o < outLen with o*s + offset < inLen (may be <= firstValid). */
export function endValid(offset: i32, s: i32, inLen: i32, outLen: i32): i32 {
  return min(outLen, floorDiv(inLen - 1 - offset, s) + 1);
}

/** First tap of a pooling window at or after 0: PyTorch's `while (start < 0) start += dilation`. */
export function firstTap(start: i32, d: i32): i32 {
  return start < 0 ? start + ((-start + d - 1) / d) * d : start;
}
