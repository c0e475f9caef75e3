import { describe, expect, it } from 'vitest';
import type { CpuOps } from '../cpu-ops';
import { randomFloat32 } from '../reference/testing/conv';
import { PARALLEL_WORK } from './context';
import { expectSameBits } from './testing/bits';
import { wasmSuite } from './testing/suite';

// Every kernel splits only its outputs among threads, so one thread and two must agree bit for bit. The
// shapes are large enough to be split (work >= PARALLEL_WORK) and odd enough that the parts are uneven.

/** Runs `body` on both backends with fresh copies of the same inputs and compares every output bitwise. */
function same(one: CpuOps, two: CpuOps, body: (ops: CpuOps) => (Float32Array | Uint32Array)[]) {
  const a = body(one);
  const b = body(two);
  expect(a.length).toBe(b.length);
  a.forEach((out, i) => expectSameBits(b[i], out, `output ${i}`));
}

const t = (data: Float32Array, shape: number[]) => ({ data, shape });
const size = (s: number[]) => s.reduce((a, b) => a * b, 1);

describe('the wasm ops give the same bits on one thread and on two', () => {
  const single = wasmSuite(1);
  const double = wasmSuite(2);
  const run = (body: (ops: CpuOps) => (Float32Array | Uint32Array)[]) =>
    same(single.staged(), double.staged(), body);

  it('conv2d: forward (fused ReLU), input, weight and bias gradients', () => {
    const xs = [5, 3, 17, 13];
    const ws = [7, 3, 5, 3];
    const params = { stride: [2, 1] as const, padding: 2, dilation: [1, 2] as const };
    const ys = [5, 7, 9, 13];
    expect(size(ys) * 45).toBeGreaterThan(PARALLEL_WORK);
    run((ops) => {
      const [x, w, b, dy] = [
        randomFloat32(size(xs), 1),
        randomFloat32(size(ws), 2),
        randomFloat32(7, 3),
        randomFloat32(size(ys), 4),
      ];
      const [y, dx, dw, db] = [
        new Float32Array(size(ys)),
        new Float32Array(size(xs)),
        new Float32Array(size(ws)),
        new Float32Array(7),
      ];
      ops.conv2dForward({ x: t(x, xs), weight: t(w, ws), bias: t(b, [7]), y: t(y, ys), params, relu: true });
      ops.conv2dBackwardInput({ dy: t(dy, ys), weight: t(w, ws), dx: t(dx, xs), params });
      ops.conv2dBackwardWeight({ x: t(x, xs), dy: t(dy, ys), dweight: t(dw, ws), params });
      ops.conv2dBackwardBias({ dy: t(dy, ys), dbias: t(db, [7]) });
      return [y, dx, dw, db];
    });
  });

  it('conv_transpose2d: forward and every gradient', () => {
    const xs = [3, 9, 7, 6];
    const ws = [9, 5, 4, 4];
    const params = { stride: 2, padding: 1, outputPadding: 1 };
    const ys = [3, 5, 15, 13];
    run((ops) => {
      const [x, w, b, dy] = [
        randomFloat32(size(xs), 5),
        randomFloat32(size(ws), 6),
        randomFloat32(5, 7),
        randomFloat32(size(ys), 8),
      ];
      const [y, dx, dw, db] = [
        new Float32Array(size(ys)),
        new Float32Array(size(xs)),
        new Float32Array(size(ws)),
        new Float32Array(5),
      ];
      ops.convTranspose2dForward({ x: t(x, xs), weight: t(w, ws), bias: t(b, [5]), y: t(y, ys), params });
      ops.convTranspose2dBackwardInput({ dy: t(dy, ys), weight: t(w, ws), dx: t(dx, xs), params });
      ops.convTranspose2dBackwardWeight({ x: t(x, xs), dy: t(dy, ys), dweight: t(dw, ws), params });
      ops.convTranspose2dBackwardBias({ dy: t(dy, ys), dbias: t(db, [5]) });
      return [y, dx, dw, db];
    });
  });

  it('linear: forward (fused ReLU) and every gradient', () => {
    const d = { batch: 37, inFeatures: 303, outFeatures: 61 };
    run((ops) => {
      const [x, w, b, dy] = [
        randomFloat32(37 * 303, 9),
        randomFloat32(61 * 303, 10),
        randomFloat32(61, 11),
        randomFloat32(37 * 61, 12),
      ];
      return [
        ops.linearForward(x, w, b, new Float32Array(37 * 61), d, true),
        ops.linearBackwardInput(dy, w, new Float32Array(37 * 303), d),
        ops.linearBackwardWeight(dy, x, new Float32Array(61 * 303), d),
        ops.linearBackwardBias(dy, new Float32Array(61), d),
      ] as Float32Array[];
    });
  });

  it('max and avg pooling, forward and backward', () => {
    const shape = [5, 11, 30, 29];
    run((ops) => {
      const x = randomFloat32(size(shape), 13);
      const out = 5 * 11 * 15 * 14;
      const y = new Float32Array(out);
      const indices = new Uint32Array(out);
      const params = { kernelSize: 2 };
      ops.maxPool2dForward({ x, y, indices, shape, params });
      const dx = new Float32Array(size(shape));
      ops.maxPool2dBackward({ dy: y, indices, dx, shape, params });
      const avg = { kernelSize: 3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false };
      const ya = new Float32Array(5 * 11 * 16 * 15);
      ops.avgPool2dForward({ x, y: ya, shape, params: avg });
      const dxa = new Float32Array(size(shape));
      ops.avgPool2dBackward({ dy: ya, dx: dxa, shape, params: avg });
      return [y, indices, dx, ya, dxa];
    });
  });

  it('batch norm (training and eval), activations and dropout', () => {
    const shape = [6, 7, 19, 23];
    const n = size(shape);
    run((ops) => {
      const x = randomFloat32(n, 14);
      const dy = randomFloat32(n, 15);
      const f = (count: number, seed: number) => randomFloat32(count, seed).map((v) => v + 2);
      const stats = { weight: f(7, 16), bias: f(7, 17), runningMean: f(7, 18), runningVar: f(7, 19) };
      const save = { saveMean: new Float32Array(7), saveInvstd: new Float32Array(7) };
      const out: Float32Array[] = [];
      for (const training of [true, false]) {
        const y = new Float32Array(n);
        const g = { dx: new Float32Array(n), dweight: new Float32Array(7), dbias: new Float32Array(7) };
        const params = { training, eps: 1e-5, momentum: 0.1 };
        ops.batchNorm2dForward({ x, y, shape, ...stats, ...save, params });
        ops.batchNorm2dBackward({ x, dy, shape, weight: stats.weight, ...save, ...g, params });
        out.push(y, g.dx, g.dweight, g.dbias, stats.runningMean.slice(), stats.runningVar.slice());
      }
      for (const kind of ['relu', 'leaky_relu', 'sigmoid', 'tanh'] as const) {
        const y = ops.activationForward(kind, x, new Float32Array(n), 0.3) as Float32Array;
        out.push(
          y,
          ops.activationBackward(
            kind,
            kind === 'sigmoid' || kind === 'tanh' ? y : x,
            dy,
            new Float32Array(n),
            0.3,
          ) as Float32Array,
        );
      }
      const params = { p: 0.3, seed: 12345, training: true };
      const y = new Float32Array(n);
      ops.dropoutForward({ x, y, params, step: 77 });
      const dx = new Float32Array(n);
      ops.dropoutBackward({ dy, dx, params, step: 77 });
      return [...out, y, dx];
    });
  });

  it('SGD and Adam over three steps', () => {
    const n = 100_003;
    run((ops) => {
      const p = randomFloat32(n, 20);
      const q = randomFloat32(n, 21);
      const sgd = ops.sgdState(n);
      const adam = ops.adamState(n);
      for (let k = 0; k < 3; k++) {
        const g = randomFloat32(n, 30 + k);
        ops.sgdStep(p, g, sgd, { lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 1e-4 });
        ops.adamStep(q, g, adam, { lr: 1e-3, decoupled: true });
      }
      return [p, q];
    });
  });
});
