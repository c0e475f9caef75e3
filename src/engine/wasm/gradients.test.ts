import { describe, expect, it } from 'vitest';
import type { CpuOps } from '../cpu-ops';
import { randomFloat32 } from '../reference/testing/conv';
import { wasmSuite } from './testing/suite';

// The wasm backward passes of pooling, batch norm and the activations against float32 central differences
// of L = sum(forward(v) * g) through the wasm forward itself (conv and linear have theirs beside their ops).

/** Central differences of loss at every element of v, step h, against grad: |error| <= tol (1 + |grad|). */
function checkFd(v: Float32Array, loss: () => number, grad: ArrayLike<number>, h: number, tol: number) {
  for (let i = 0; i < v.length; i++) {
    const keep = v[i];
    v[i] = keep + h;
    const up = loss();
    v[i] = keep - h;
    const down = loss();
    v[i] = keep;
    const numeric = (up - down) / (2 * h);
    expect(Math.abs(numeric - grad[i]), `element ${i}: analytic ${grad[i]}, numeric ${numeric}`).toBeLessThan(
      tol * (1 + Math.abs(grad[i])),
    );
  }
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

describe('wasm backward passes agree with float32 central differences', () => {
  const suite = wasmSuite();
  const ops = (): CpuOps => suite.staged();

  it('avg_pool2d (linear in x: a step of 1 is exact up to rounding)', () => {
    const shape = [2, 2, 7, 6];
    const params = { kernelSize: 3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false };
    const x = randomFloat32(2 * 2 * 7 * 6, 1);
    const y = new Float32Array(2 * 2 * 4 * 4);
    const g = randomFloat32(y.length, 2);
    const loss = () => {
      ops().avgPool2dForward({ x, y, shape, params });
      return dot(y, g);
    };
    const dx = new Float32Array(x.length);
    ops().avgPool2dBackward({ dy: g, dx, shape, params });
    checkFd(x, loss, dx, 1, 1e-5);
  });

  it('max_pool2d (values 1/64 apart, so a step of 1/256 moves no window maximum)', () => {
    const shape = [1, 3, 9, 8];
    const params = { kernelSize: 3, stride: 2, padding: 1, dilation: [1, 2] as const };
    const n = 3 * 9 * 8;
    const x = Float32Array.from({ length: n }, (_, i) => ((i * 37) % n) / 64);
    const y = new Float32Array(3 * 5 * 3);
    const indices = new Uint32Array(y.length);
    const g = randomFloat32(y.length, 3);
    const loss = () => {
      ops().maxPool2dForward({ x, y, indices, shape, params });
      return dot(y, g);
    };
    loss();
    const dx = new Float32Array(n);
    ops().maxPool2dBackward({ dy: g, indices, dx, shape, params });
    checkFd(x, loss, dx, 1 / 256, 1e-4);
  });

  for (const training of [true, false]) {
    it(`batch_norm2d in ${training ? 'training' : 'eval'} mode: x, weight and bias`, () => {
      const shape = [3, 2, 3, 4];
      const count = 3 * 2 * 3 * 4;
      const x = randomFloat32(count, 4).map((v) => 2 * v);
      const weight = randomFloat32(2, 5).map((v) => v + 1.5);
      const bias = randomFloat32(2, 6);
      const g = randomFloat32(count, 7);
      const stats = () => ({
        runningMean: Float32Array.from([0.1, -0.2]),
        runningVar: Float32Array.from([1.3, 0.7]),
        saveMean: new Float32Array(2),
        saveInvstd: new Float32Array(2),
      });
      const params = { training, eps: 1e-3, momentum: 0.1 };
      const y = new Float32Array(count);
      const loss = () => {
        ops().batchNorm2dForward({ x, y, shape, weight, bias, ...stats(), params });
        return dot(y, g);
      };
      const s = stats();
      ops().batchNorm2dForward({ x, y, shape, weight, bias, ...s, params });
      const grads = { dx: new Float32Array(count), dweight: new Float32Array(2), dbias: new Float32Array(2) };
      ops().batchNorm2dBackward({
        x,
        dy: g,
        shape,
        weight,
        saveMean: s.saveMean,
        saveInvstd: s.saveInvstd,
        ...grads,
        params,
      });
      // Float32 forward, step 1e-2: truncation ~h² and rounding ~1e-7/h, both well under 2e-3.
      checkFd(x, loss, grads.dx, 1e-2, 2e-3);
      checkFd(weight, loss, grads.dweight, 1e-2, 2e-3);
      checkFd(bias, loss, grads.dbias, 1e-2, 2e-3);
    });
  }

  for (const kind of ['relu', 'leaky_relu', 'sigmoid', 'tanh'] as const) {
    it(`${kind} (values kept 0.1 away from the kink)`, () => {
      const x = randomFloat32(61, 8).map((v) => 3 * v + (Math.abs(3 * v) < 0.1 ? 0.2 : 0));
      const g = randomFloat32(61, 9);
      const y = new Float32Array(61);
      const loss = () => dot(ops().activationForward(kind, x, y, 0.2), g);
      ops().activationForward(kind, x, y, 0.2);
      const saved = kind === 'sigmoid' || kind === 'tanh' ? y.slice() : x;
      const dx = ops().activationBackward(kind, saved, g, new Float32Array(61), 0.2);
      checkFd(x, loss, dx, 1e-2, 2e-3);
    });
  }
});
