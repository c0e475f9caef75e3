// Exact comparison for large arrays: reports the first differing element rather than a diff of thousands
// (which takes the test runner minutes to print).
import { expect } from 'vitest';

type Numbers = Float32Array | Uint32Array | Float64Array;

const bitsOf = (a: Numbers) =>
  a instanceof Float64Array
    ? new BigUint64Array(a.buffer, a.byteOffset, a.length)
    : new Uint32Array(a.buffer, a.byteOffset, a.length);

/** Fails unless `got` and `want` hold the same bits (so NaN payloads and the sign of zero count). */
export function expectSameBits(got: Numbers, want: Numbers, what = 'array'): void {
  expect(got.length, `${what} length`).toBe(want.length);
  const [a, b] = [bitsOf(got), bitsOf(want)];
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) expect(`${what}[${i}] = ${got[i]}`).toBe(`${what}[${i}] = ${want[i]}`);
  }
}
