import { describe, expect, it } from 'vitest';
import { readFloat32 } from '../../gpu/buffers';
import { expectClose } from '../../gpu/testing/close';
import { gpuCheck } from '../../gpu/testing/test-device';
import { centerNetDecode, centerNetLoss, segmentationConfusion } from '../reference/centernet';
import {
  centerNetDecodeCases,
  centerNetLossCases,
  confusionCases,
  weightedCrossEntropy2dCases,
} from '../reference/dense-fixture';
import { softmaxCrossEntropy2d } from '../reference/loss';
import { tensor } from '../tensor';
import { planCenterNetDecode, planCenterNetLoss, planSegmentationConfusion } from './dense';
import { createLossAccumulator, planSoftmaxCrossEntropy2d, readLossAccumulator } from './loss';
import { empty, randomArray, read, run, testContext, upload, uploadU32 } from './test-utils';

// f32 exp/log on the GPU vs PyTorch's f32 and the float64 reference.
const TOL = { atol: 1e-5, rtol: 1e-4 };

async function gpuWeightedCe(
  logits: Float32Array,
  labels: ArrayLike<number>,
  shape: number[],
  weights: number[],
) {
  return gpuCheck(async (device) => {
    const ctx = testContext(device, 'ce2d-weighted');
    const acc = createLossAccumulator(ctx);
    const dlogits = empty(ctx, 'dlogits', shape);
    const [b, k, h, w] = shape;
    run(
      ctx,
      planSoftmaxCrossEntropy2d(ctx, {
        logits: upload(ctx, 'logits', logits, shape),
        labels: tensor(uploadU32(ctx, 'labels', labels).buffer, [b, h, w]),
        dlogits,
        accumulator: acc,
        classWeights: upload(ctx, 'weights', weights, [k]),
      }),
    );
    const out = { dlogits: await read(ctx, dlogits), metrics: await readLossAccumulator(device, acc) };
    ctx.arena.destroy();
    return out;
  });
}

describe('per-pixel cross-entropy with class weights on WebGPU', () => {
  it('matches PyTorch', async () => {
    for (const c of weightedCrossEntropy2dCases()) {
      const out = await gpuWeightedCe(Float32Array.from(c.logits), c.labels, c.shape, c.weights);
      expectClose(out.dlogits, c.dlogits, TOL);
      expectClose([out.metrics.meanLoss], [c.loss], TOL);
      expect(out.metrics.correct).toBe(c.correct);
    }
  });

  it('matches the CPU reference on awkward shapes (307 pixels a row, 11 classes)', async () => {
    for (const shape of [
      [1, 11, 307, 1],
      [3, 11, 13, 17],
      [2, 2, 5, 3],
    ]) {
      const [b, k, h, w] = shape;
      const logits = randomArray(b * k * h * w, k + h, -6, 6);
      const labels = Array.from(randomArray(b * h * w, w, 0, k), Math.floor);
      const weights = Array.from({ length: k }, (_, i) => (i === 0 ? 0.1 : 1 + i / 10));
      const dl = new Float32Array(logits.length);
      const ref = softmaxCrossEntropy2d(logits, labels, dl, shape, null, 0, weights);
      const out = await gpuWeightedCe(logits, labels, shape, weights);
      expectClose(out.dlogits, dl, TOL);
      expectClose([out.metrics.meanLoss], [ref.loss], TOL);
    }
  });

  it('refuses weights of the wrong length or with label smoothing', async () => {
    await gpuCheck((device) => {
      const ctx = testContext(device, 'ce2d-weighted-refusals');
      const logits = empty(ctx, 'logits', [1, 3, 2, 2]);
      const args = {
        logits,
        labels: tensor(ctx.arena.storage('labels', 16), [1, 2, 2]),
        dlogits: logits,
        accumulator: createLossAccumulator(ctx),
      };
      expect(() => planSoftmaxCrossEntropy2d(ctx, { ...args, classWeights: empty(ctx, 'w2', [2]) })).toThrow(
        /class weights: expected shape \[3\], got \[2\]/,
      );
      expect(() =>
        planSoftmaxCrossEntropy2d(ctx, { ...args, classWeights: empty(ctx, 'w3', [3]), labelSmoothing: 0.1 }),
      ).toThrow(/cannot be combined/);
      ctx.arena.destroy();
    });
  });
});

async function gpuCenterNetLoss(
  output: Float32Array,
  target: Float32Array,
  mask: Float32Array,
  shape: number[],
) {
  return gpuCheck(async (device) => {
    const ctx = testContext(device, 'centernet');
    const [b, k, h, w] = shape;
    const head = [b, k + 4, h, w];
    const objects = mask.reduce((a, v) => a + v, 0);
    const grad = empty(ctx, 'grad', head);
    const acc = createLossAccumulator(ctx);
    const op = planCenterNetLoss(ctx, {
      output: upload(ctx, 'output', output, head),
      target: upload(ctx, 'target', target, head),
      mask: upload(ctx, 'mask', mask, [b, h, w]),
      count: upload(ctx, 'count', [objects], [1]),
      grad,
      accumulator: acc,
    });
    run(ctx, op, op);
    const out = { grad: await read(ctx, grad), metrics: await readLossAccumulator(device, acc) };
    ctx.arena.destroy();
    return out;
  });
}

describe('CenterNet loss on WebGPU', () => {
  it('matches PyTorch, accumulated twice (the batch loss × B per step)', async () => {
    for (const c of centerNetLossCases()) {
      const out = await gpuCenterNetLoss(
        Float32Array.from(c.output),
        Float32Array.from(c.target),
        Float32Array.from(c.mask),
        c.shape,
      );
      expectClose(out.grad, c.grad, TOL);
      expectClose([out.metrics.meanLoss], [c.loss], TOL);
      expect(out.metrics.samples).toBe(2 * c.shape[0]);
      expect(out.metrics.nonFiniteBatches).toBe(0);
    }
  });

  it('matches the CPU reference on awkward shapes (307 cells, more cells than threads, ±30 logits)', async () => {
    for (const shape of [
      [1, 10, 1, 307],
      [3, 10, 16, 16],
      [2, 1, 5, 7],
    ]) {
      const [b, k, h, w] = shape;
      const n = b * (k + 4) * h * w;
      const output = randomArray(n, n, -30, 30);
      const target = randomArray(n, n + 1, 0, 0.99);
      const mask = new Float32Array(b * h * w);
      for (let i = 0; i < mask.length; i += 37) {
        mask[i] = 1;
        const [bi, s] = [Math.floor(i / (h * w)), i % (h * w)];
        target[(bi * (k + 4) + (i % k)) * h * w + s] = 1;
      }
      const grad = new Float32Array(n);
      const ref = centerNetLoss(output, target, mask, { batch: b, classes: k, height: h, width: w }, grad);
      const out = await gpuCenterNetLoss(output, target, mask, shape);
      expectClose(out.grad, grad, TOL);
      expectClose([out.metrics.meanLoss], [ref.loss], TOL);
    }
  });
});

async function gpuDecode(output: Float32Array, shape: number[], stride: number) {
  return gpuCheck(async (device) => {
    const ctx = testContext(device, 'centernet-decode');
    const [b, k, h, w] = shape;
    const decoded = empty(ctx, 'decoded', [b, h * w, 6]);
    run(
      ctx,
      planCenterNetDecode(ctx, { output: upload(ctx, 'output', output, [b, k + 4, h, w]), decoded, stride }),
    );
    const out = await read(ctx, decoded);
    ctx.arena.destroy();
    return out;
  });
}

describe('CenterNet decoding on WebGPU', () => {
  it('matches PyTorch (max-pool peaks, best class, boxes in pixels)', async () => {
    for (const c of centerNetDecodeCases()) {
      expectClose(await gpuDecode(Float32Array.from(c.output), c.shape, c.stride), c.decoded, TOL);
    }
  });

  it('matches the CPU reference on awkward shapes (a 307-wide map, one row, strides 4 and 8)', async () => {
    for (const [shape, stride] of [
      [[1, 10, 1, 307], 4],
      [[2, 10, 16, 16], 4],
      [[3, 3, 9, 5], 8],
    ] as [number[], number][]) {
      const [b, k, h, w] = shape;
      const output = randomArray(b * (k + 4) * h * w, h + w, -4, 4);
      const ref = centerNetDecode(output, { batch: b, classes: k, height: h, width: w }, stride);
      expectClose(await gpuDecode(output, shape, stride), ref, TOL);
    }
  });
});

async function gpuConfusion(logits: Float32Array, labels: ArrayLike<number>, shape: number[], repeats = 1) {
  return gpuCheck(async (device) => {
    const ctx = testContext(device, 'confusion');
    const [b, k, h, w] = shape;
    const confusion = tensor(ctx.arena.storage('confusion', k * k * 4), [k * k]);
    const predicted = tensor(ctx.arena.storage('predicted', b * h * w * 4), [b, h, w]);
    const op = planSegmentationConfusion(ctx, {
      logits: upload(ctx, 'logits', logits, shape),
      labels: tensor(uploadU32(ctx, 'labels', labels).buffer, [b, h, w]),
      confusion,
      predicted,
    });
    for (let r = 0; r < repeats; r++) run(ctx, op);
    const asU32 = async (t: typeof confusion) =>
      new Uint32Array(
        (
          await readFloat32(
            device,
            t.buffer,
            t.shape.reduce((a, v) => a * v, 1),
            t.offset,
          )
        ).buffer,
      );
    const out = { confusion: await asU32(confusion), predicted: await asU32(predicted) };
    ctx.arena.destroy();
    return out;
  });
}

describe('segmentation confusion counts on WebGPU', () => {
  it('match PyTorch, and add up over evaluations', async () => {
    for (const c of confusionCases()) {
      const out = await gpuConfusion(Float32Array.from(c.logits), c.labels, c.shape, 2);
      expect(Array.from(out.predicted)).toEqual(c.predicted);
      expect(Array.from(out.confusion)).toEqual(c.confusion.map((v) => 2 * v));
    }
  });

  it('match the CPU reference on 11 classes over 307 × 13 pixels', async () => {
    const shape = [2, 11, 307, 13];
    const logits = randomArray(2 * 11 * 307 * 13, 5, -3, 3);
    const labels = Array.from(randomArray(2 * 307 * 13, 6, 0, 11), Math.floor);
    const ref = segmentationConfusion(logits, labels, shape);
    const out = await gpuConfusion(logits, labels, shape);
    expect(Array.from(out.confusion)).toEqual(Array.from(ref.confusion));
    expect(Array.from(out.predicted)).toEqual(Array.from(ref.predicted));
  });
});
