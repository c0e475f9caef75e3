// Test helpers for the conv references: seeded random tensors and a float64 central-difference check.
import type { HostTensor } from './conv2d';

/** Deterministic uniform values in [-1, 1) (mulberry32), so failures reproduce. */
export function randomValues(count: number, seed: number): Float64Array {
  const out = new Float64Array(count);
  let s = seed >>> 0;
  for (let i = 0; i < count; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return out;
}

export function randomFloat32(count: number, seed: number): Float32Array {
  return Float32Array.from(randomValues(count, seed));
}

export function host(shape: readonly number[], seed?: number): HostTensor {
  const count = shape.reduce((a, b) => a * b, 1);
  return { data: seed === undefined ? new Float64Array(count) : randomValues(count, seed), shape };
}

/**
 * Checks an analytic gradient of L(v) = sum(f(v) * g) against central differences in float64:
 * for every element i, (L(v + h e_i) - L(v - h e_i)) / 2h must match grad[i] to 1e-6 relative.
 */
export function checkGradient(v: HostTensor, loss: () => number, grad: ArrayLike<number>, h = 1e-5): void {
  for (let i = 0; i < v.data.length; i++) {
    const keep = v.data[i];
    v.data[i] = keep + h;
    const up = loss();
    v.data[i] = keep - h;
    const down = loss();
    v.data[i] = keep;
    const numeric = (up - down) / (2 * h);
    if (Math.abs(numeric - grad[i]) > 1e-6 * (1 + Math.abs(numeric))) {
      throw new Error(`gradient element ${i}: analytic ${grad[i]}, finite difference ${numeric}`);
    }
  }
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
