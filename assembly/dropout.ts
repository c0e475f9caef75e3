// Dropout forward and backward (the same masked scale): out[i] = keep(i) ? v[i] * scale : 0, with keep(i)
// when the top 24 bits of pcg3d(i, step, seed) reach `threshold`: the reference's dropoutHash, 4 lanes at a
// time in 32-bit integer arithmetic, so the mask is the GPU's and the reference's bit for bit.
import { partStart } from './common/split';

const A: u32 = 1664525;
const C: u32 = 1013904223;

export function dropout(
  v: usize,
  out: usize,
  n: i32,
  threshold: i32,
  scale: f32,
  seed: u32,
  step: u32,
  part: i32,
  parts: i32,
): void {
  const groups = (n + 3) >> 2;
  const i0 = min(n, partStart(groups, part, parts) << 2);
  const i1 = min(n, partStart(groups, part + 1, parts) << 2);
  const y0 = step * A + C;
  const z0 = seed * A + C;
  const yz = i32x4.splat(y0 * z0);
  const y0v = i32x4.splat(y0);
  const z0v = i32x4.splat(z0);
  const limit = i32x4.splat(threshold);
  const s = f32x4.splat(scale);
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    let x = i32x4.add(
      i32x4.mul(i32x4.add(i32x4.splat(i), i32x4(0, 1, 2, 3)), i32x4.splat(A)),
      i32x4.splat(C),
    );
    x = i32x4.add(x, yz);
    const y = i32x4.add(y0v, i32x4.mul(z0v, x));
    let z = i32x4.add(z0v, i32x4.mul(x, y));
    x = v128.xor(x, i32x4.shr_u(x, 16));
    const ys = v128.xor(y, i32x4.shr_u(y, 16));
    z = v128.xor(z, i32x4.shr_u(z, 16));
    const hash = i32x4.add(x, i32x4.mul(ys, z));
    const keep = i32x4.ge_s(i32x4.shr_u(hash, 8), limit);
    const o = (<usize>i) << 2;
    v128.store(out + o, v128.and(f32x4.mul(v128.load(v + o), s), keep));
  }
  for (; i < i1; i++) {
    const o = (<usize>i) << 2;
    store<f32>(out + o, hashOf(i, y0, z0) >>> 8 >= <u32>threshold ? load<f32>(v + o) * scale : 0);
  }
}

/** pcg3d's x component for counters (index, step, seed), with the step and seed already mixed to y0, z0. */
function hashOf(index: u32, y0: u32, z0: u32): u32 {
  let x = index * A + C;
  let y = y0;
  let z = z0;
  x += y * z;
  y += z * x;
  z += x * y;
  x ^= x >>> 16;
  y ^= y >>> 16;
  z ^= z >>> 16;
  return x + y * z;
}
