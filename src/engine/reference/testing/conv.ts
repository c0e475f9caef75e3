// Test helpers for the conv references: seeded random tensors, a float64 central-difference check, and one
// harness that checks conv2d's and conv_transpose2d's four passes alike.
import { expectClose } from '../../../gpu/testing/close';
import type { ConvTranspose2dParams } from '../../ops/conv-geometry';
import { fixtureParams, type ConvFixture } from '../conv-fixtures';
import type { HostTensor } from '../conv2d';

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

/** A conv op's CPU reference passes, typed with conv_transpose2d's options (a superset of conv2d's). */
export interface ConvReference {
  forward(a: {
    x: HostTensor;
    weight: HostTensor;
    bias: HostTensor | null;
    y: HostTensor;
    params: ConvTranspose2dParams;
  }): void;
  backwardInput(a: {
    dy: HostTensor;
    weight: HostTensor;
    dx: HostTensor;
    params: ConvTranspose2dParams;
  }): void;
  backwardWeight(a: {
    x: HostTensor;
    dy: HostTensor;
    dweight: HostTensor;
    params: ConvTranspose2dParams;
  }): void;
  backwardBias(a: { dy: HostTensor; dbias: HostTensor }): void;
  outputShape(xShape: readonly number[], wShape: readonly number[], params: ConvTranspose2dParams): number[];
}

/**
 * Checks the three backward passes against float64 central differences of L = sum(forward(x, w, b) * dy), with
 * x, w, b and dy drawn from seeds seed .. seed + 3. The bias has one value per output channel.
 */
export function checkConvGradients(
  ref: ConvReference,
  c: { x: number[]; w: number[]; params: ConvTranspose2dParams },
  seed: number,
): void {
  const yShape = ref.outputShape(c.x, c.w, c.params);
  const x = host(c.x, seed);
  const weight = host(c.w, seed + 1);
  const bias = host([yShape[1]], seed + 2);
  const dy = host(yShape, seed + 3);
  const y = host(yShape);
  const loss = () => {
    ref.forward({ x, weight, bias, y, params: c.params });
    return dot(y.data, dy.data);
  };
  const dx = host(c.x);
  const dweight = host(c.w);
  const dbias = host([yShape[1]]);
  ref.backwardInput({ dy, weight, dx, params: c.params });
  ref.backwardWeight({ x, dy, dweight, params: c.params });
  ref.backwardBias({ dy, dbias });
  checkGradient(x, loss, dx.data);
  checkGradient(weight, loss, dweight.data);
  checkGradient(bias, loss, dbias.data);
}

/** Runs every pass on a PyTorch golden case and compares with atol 1e-5, rtol 1e-5. */
export function checkConvFixture(ref: ConvReference, f: ConvFixture): void {
  const params = fixtureParams(f);
  const tol = { atol: 1e-5, rtol: 1e-5 };
  const t = (data: number[], shape: number[]) => ({ data: Float32Array.from(data), shape });
  // Outputs start as NaN so a pass that skips an element cannot pass.
  const out = (shape: number[]) => ({
    data: new Float32Array(shape.reduce((a, b) => a * b)).fill(NaN),
    shape,
  });
  const x = t(f.x, f.xShape);
  const weight = t(f.w, f.wShape);
  const dy = t(f.dy, f.yShape);
  const y = out(f.yShape);
  ref.forward({ x, weight, bias: f.b ? t(f.b, [f.yShape[1]]) : null, y, params });
  expectClose(y.data, f.y, tol);
  const dx = out(f.xShape);
  ref.backwardInput({ dy, weight, dx, params });
  expectClose(dx.data, f.dx, tol);
  const dweight = out(f.wShape);
  ref.backwardWeight({ x, dy, dweight, params });
  expectClose(dweight.data, f.dw, tol);
  if (f.db) {
    const dbias = out([f.yShape[1]]);
    ref.backwardBias({ dy, dbias });
    expectClose(dbias.data, f.db, tol);
  }
}
