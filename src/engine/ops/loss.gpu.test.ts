import { describe, expect, it } from 'vitest';
import { readFloat32 } from '../../gpu/buffers';
import { expectClose } from '../../gpu/testing/close';
import { gpuCheck } from '../../gpu/testing/test-device';
import { bceWithLogits, mseLoss, softmaxCrossEntropy, softmaxCrossEntropy2d } from '../reference/loss';
import { crossEntropy2dCases, crossEntropyCases, elementCases } from '../reference/loss-fixture';
import { tensor } from '../tensor';
import {
  clearLossAccumulator,
  createLossAccumulator,
  planBceWithLogits,
  planMseLoss,
  planSoftmaxCrossEntropy,
  planSoftmaxCrossEntropy2d,
  readLossAccumulator,
} from './loss';
import { empty, randomArray, read, run, testContext, upload, uploadU32 } from './testing/gpu-context';

// f32 exp/log on the GPU vs PyTorch's f32 (and the float64 reference): a few ulps, and sums of up to 614 terms.
const TOL = { atol: 1e-5, rtol: 1e-4 };

async function gpuCrossEntropy(
  logits: Float32Array,
  labels: number[],
  classes: number,
  repeats = 1,
  labelSmoothing = 0,
) {
  return gpuCheck(async (device) => {
    const ctx = testContext(device, 'ce-test');
    const batch = labels.length;
    const acc = createLossAccumulator(ctx);
    const dlogits = empty(ctx, 'dlogits', [batch, classes]);
    const probs = empty(ctx, 'probs', [batch, classes]);
    const op = planSoftmaxCrossEntropy(ctx, {
      logits: upload(ctx, 'logits', logits, [batch, classes]),
      labels: uploadU32(ctx, 'labels', labels),
      dlogits,
      accumulator: acc,
      probs,
      labelSmoothing,
    });
    for (let r = 0; r < repeats; r++) run(ctx, op);
    const out = {
      dlogits: await read(ctx, dlogits),
      probs: await read(ctx, probs),
      metrics: await readLossAccumulator(device, acc),
    };
    const encoder = device.createCommandEncoder();
    clearLossAccumulator(encoder, acc);
    device.queue.submit([encoder.finish()]);
    const cleared = await readFloat32(device, acc.buffer, 4, acc.offset);
    ctx.arena.destroy();
    return { ...out, cleared };
  });
}

describe('softmax cross-entropy on WebGPU', () => {
  it('matches PyTorch (ties, logits of 1e4, label smoothing) and accumulates loss, correct count and samples', async () => {
    for (const c of crossEntropyCases()) {
      const logits = Float32Array.from(c.logits);
      const out = await gpuCrossEntropy(logits, c.labels, c.classes, 2, c.label_smoothing);
      expectClose(out.dlogits, c.dlogits, TOL);
      expectClose(out.probs, c.probs, TOL);
      // Two steps accumulated: sums double, the mean stays.
      expectClose([out.metrics.lossSum, out.metrics.meanLoss], [2 * c.loss * c.batch, c.loss], TOL);
      expect(out.metrics.correct).toBe(2 * c.correct);
      expect(out.metrics.samples).toBe(2 * c.batch);
      expect(out.metrics.nonFiniteBatches).toBe(0);
      expect(Array.from(out.cleared)).toEqual([0, 0, 0, 0]);
    }
  });

  it('matches the CPU reference on awkward shapes, with and without label smoothing', async () => {
    for (const [batch, classes, eps] of [
      [1, 1, 0],
      [307, 3, 0],
      [5, 17, 0],
      [1, 1, 0.1],
      [307, 3, 0.1],
      [5, 17, 1],
    ]) {
      const logits = randomArray(batch * classes, batch * classes, -8, 8);
      const labels = Array.from(randomArray(batch, batch + 7, 0, classes), Math.floor);
      const dl = new Float32Array(batch * classes);
      const probs = new Float32Array(batch * classes);
      const ref = softmaxCrossEntropy(logits, labels, dl, batch, classes, probs, eps);
      const out = await gpuCrossEntropy(logits, labels, classes, 1, eps);
      expectClose(out.dlogits, dl, TOL);
      expectClose(out.probs, probs, TOL);
      expectClose([out.metrics.meanLoss], [ref.loss], TOL);
      expect(out.metrics.correct).toBe(ref.correct);
    }
  });

  it('flags a non-finite loss (NaN logits, or a label out of range)', async () => {
    const nan = await gpuCrossEntropy(Float32Array.from([0, NaN, 1, 2, 3, 4]), [0, 1], 3);
    expect(nan.metrics.nonFiniteBatches).toBe(1);
    const bad = await gpuCrossEntropy(Float32Array.from([0, 1, 2]), [3], 3);
    expect(bad.metrics.nonFiniteBatches).toBe(1);
  });
});

async function gpuCrossEntropy2d(
  logits: Float32Array,
  labels: ArrayLike<number>,
  shape: number[],
  labelSmoothing = 0,
  repeats = 1,
) {
  return gpuCheck(async (device) => {
    const ctx = testContext(device, 'ce2d-test');
    const acc = createLossAccumulator(ctx);
    const dlogits = empty(ctx, 'dlogits', shape);
    const probs = empty(ctx, 'probs', shape);
    const [b, , h, w] = shape;
    const op = planSoftmaxCrossEntropy2d(ctx, {
      logits: upload(ctx, 'logits', logits, shape),
      labels: tensor(uploadU32(ctx, 'labels', labels).buffer, [b, h, w]),
      dlogits,
      accumulator: acc,
      probs,
      labelSmoothing,
    });
    for (let r = 0; r < repeats; r++) run(ctx, op);
    const out = {
      dlogits: await read(ctx, dlogits),
      probs: await read(ctx, probs),
      metrics: await readLossAccumulator(device, acc),
    };
    ctx.arena.destroy();
    return out;
  });
}

describe('per-pixel softmax cross-entropy on WebGPU', () => {
  it('matches PyTorch (mean over pixels, correct pixels, label smoothing, logits of 1e4), accumulated twice', async () => {
    for (const c of crossEntropy2dCases()) {
      const pixels = c.shape[0] * c.shape[2] * c.shape[3];
      const logits = Float32Array.from(c.logits);
      const out = await gpuCrossEntropy2d(logits, c.labels, c.shape, c.label_smoothing, 2);
      expectClose(out.dlogits, c.dlogits, TOL);
      expectClose(out.probs, c.probs, TOL);
      // Two steps accumulated: sums double, the mean stays; samples count pixels.
      expectClose([out.metrics.lossSum, out.metrics.meanLoss], [2 * c.loss * pixels, c.loss], TOL);
      expect(out.metrics.correct).toBe(2 * c.correct);
      expect(out.metrics.samples).toBe(2 * pixels);
      expect(out.metrics.nonFiniteBatches).toBe(0);
    }
  });

  it('matches the CPU reference on awkward shapes (307 pixels a row, more pixels than threads)', async () => {
    for (const [shape, eps] of [
      [[2, 3, 13, 13], 0],
      [[1, 5, 307, 1], 0.1],
      [[3, 10, 7, 9], 0],
      [[1, 1, 2, 2], 0.2],
      [[4, 4, 31, 33], 0.05],
    ] as [number[], number][]) {
      const [b, k, h, w] = shape;
      const logits = randomArray(b * k * h * w, b * k + h, -8, 8);
      const labels = Array.from(randomArray(b * h * w, h * w, 0, k), Math.floor);
      const dl = new Float32Array(logits.length);
      const probs = new Float32Array(logits.length);
      const ref = softmaxCrossEntropy2d(logits, labels, dl, shape, probs, eps);
      const out = await gpuCrossEntropy2d(logits, labels, shape, eps);
      expectClose(out.dlogits, dl, TOL);
      expectClose(out.probs, probs, TOL);
      expectClose([out.metrics.meanLoss], [ref.loss], TOL);
      expect(out.metrics.correct).toBe(ref.correct);
      expect(out.metrics.samples).toBe(b * h * w);
    }
  });

  it('flags a non-finite loss (a label out of range) and refuses mismatched shapes', async () => {
    const bad = await gpuCrossEntropy2d(Float32Array.from([0, 1, 2, 3]), [0, 2], [1, 2, 1, 2]);
    expect(bad.metrics.nonFiniteBatches).toBe(1);
    await gpuCheck((device) => {
      const ctx = testContext(device, 'ce2d-shapes');
      const logits = empty(ctx, 'logits', [2, 3, 4, 5]);
      const acc = createLossAccumulator(ctx);
      const labels = tensor(ctx.arena.storage('labels', 4 * 40), [2, 4, 5]);
      const plan = (over: object) =>
        planSoftmaxCrossEntropy2d(ctx, { logits, labels, dlogits: logits, accumulator: acc, ...over });
      expect(() => plan({ labels: tensor(labels.buffer, [2, 20]) })).toThrow(
        /labels: expected shape \[2,4,5\], got \[2,20\]/,
      );
      expect(() => plan({ labelSmoothing: -0.1 })).toThrow(/label_smoothing must be in \[0, 1\]/);
      expect(() => plan({ logits: tensor(logits.buffer, [2, 3, 20]) })).toThrow(/must be \[B, K, H, W\]/);
      ctx.arena.destroy();
    });
  });
});

const ELEMENTWISE = {
  mse: { plan: planMseLoss, reference: mseLoss },
  bce_with_logits: { plan: planBceWithLogits, reference: bceWithLogits },
} as const;

async function gpuElementwise(
  name: keyof typeof ELEMENTWISE,
  input: Float32Array,
  target: Float32Array,
  shape: number[],
) {
  return gpuCheck(async (device) => {
    const ctx = testContext(device, name);
    const acc = createLossAccumulator(ctx);
    const grad = empty(ctx, 'grad', shape);
    run(
      ctx,
      ELEMENTWISE[name].plan(ctx, {
        input: upload(ctx, 'input', input, shape),
        target: upload(ctx, 'target', target, shape),
        grad,
        accumulator: acc,
      }),
    );
    const out = { grad: await read(ctx, grad), metrics: await readLossAccumulator(device, acc) };
    ctx.arena.destroy();
    return out;
  });
}

describe('MSE and BCE-with-logits on WebGPU', () => {
  it('match PyTorch loss and gradient (BCE stable at logits of 1e4)', async () => {
    for (const name of ['mse', 'bce_with_logits'] as const) {
      for (const c of elementCases(name)) {
        const out = await gpuElementwise(
          name,
          Float32Array.from(c.input),
          Float32Array.from(c.target),
          c.shape,
        );
        expectClose(out.grad, c.grad, TOL);
        expectClose([out.metrics.meanLoss], [c.loss], TOL);
        expect(out.metrics.samples).toBe(c.shape[0]);
        expect(out.metrics.nonFiniteBatches).toBe(0);
      }
    }
  });

  it('match the CPU reference over several chunks of 64', async () => {
    for (const name of ['mse', 'bce_with_logits'] as const) {
      const shape = [3, 307];
      const x = randomArray(921, 5, -5, 5);
      const t = randomArray(921, 6, 0, 1);
      const grad = new Float32Array(921);
      const ref = ELEMENTWISE[name].reference(x, t, grad);
      const out = await gpuElementwise(name, x, t, shape);
      expectClose(out.grad, grad, TOL);
      expectClose([out.metrics.meanLoss], [ref.loss], TOL);
      if (name === 'bce_with_logits') expectClose([out.metrics.accuracy], [ref.correct / 921], TOL);
    }
  });
});
