// The TF.js side: the same LeNet-5, weights, batches and step protocol as ours (see ours.ts), on one
// TF.js backend per page. The training images stay on the backend and each batch is gathered there by
// index, as ours is gathered on the GPU.
import * as tf from '@tensorflow/tfjs-core';
import { loadMnist, normalisedImages, sampleOrder } from './data';
import type { SideResult } from './ours';
import {
  benchHyper,
  BUDGET_RECIPE,
  budgetHyper,
  inferenceBatches,
  lenetModel,
  pipelinedRun,
  POOL,
  SEED,
  timedRun,
  timing,
  type TimedPlan,
} from './setup';
import type { Hyperparams } from '../src/network/hyper';
import { startBackend, type TfjsBackend } from './tfjs-backends';
import { checkSuppliedFilterGrad } from './tfjs-filter-grad';
import { createTfLenet, lossOf } from './tfjs-lenet';

export type Unavailable = { status: 'unavailable'; reason: string };

export interface TfjsRun {
  status: 'ok';
  backend: TfjsBackend;
  details: Record<string, unknown>;
  /** Largest |dW| difference of the supplied Conv2DBackpropFilter from TF.js cpu's, when one was supplied. */
  suppliedFilterGradMaxAbsDiff?: number;
  batches: SideResult[];
}

interface Pool {
  images: tf.Tensor4D;
  labels: tf.Tensor1D;
  order: Uint32Array;
}

async function trainingPool(count: number, seed: number): Promise<Pool> {
  const d = await loadMnist();
  return {
    images: tf.tensor4d(normalisedImages(d.train.images, 0, count), [count, 28, 28, 1]),
    labels: tf.tensor1d(Int32Array.from(d.train.labels.subarray(0, count)), 'int32'),
    order: sampleOrder(count, seed),
  };
}

/**
 * TF.js's optimizer for our hyperparameters (SGD with momentum, or Adam) and a way to set its rate between
 * steps. TF.js's Adam has no setLearningRate but reads its `learningRate` field at each update; its
 * `instanceof` is duck-typed (any optimizer passes `instanceof SGDOptimizer`), so the kind decides.
 */
function optimizerFor(h: Hyperparams): { optimizer: tf.Optimizer; setLearningRate(lr: number): void } {
  if (h.optimizer === 'adam') {
    const adam = tf.train.adam(h.lr, h.beta1, h.beta2, h.eps);
    const rate = adam as unknown as { learningRate: number };
    return { optimizer: adam, setLearningRate: (lr) => (rate.learningRate = lr) };
  }
  const momentum = tf.train.momentum(h.lr, h.momentum);
  return { optimizer: momentum, setLearningRate: (lr) => momentum.setLearningRate(lr) };
}

/** A trainer over a pool with `hyper`'s optimizer; step(start, true) returns the loss (caller disposes). */
function trainer(batch: number, hyper: Hyperparams) {
  const net = createTfLenet(lenetModel(batch));
  const { optimizer, setLearningRate } = optimizerFor(hyper);
  const step = (pool: Pool, start: number, returnCost: boolean): tf.Scalar | null =>
    tf.tidy(() => {
      const idx = tf.tensor1d(Int32Array.from(pool.order.subarray(start, start + batch)), 'int32');
      const x = tf.gather(pool.images, idx) as tf.Tensor4D;
      const y = tf.gather(pool.labels, idx) as tf.Tensor1D;
      return optimizer.minimize(() => lossOf(net, x, y), returnCost, net.variables) ?? undefined;
    }) ?? null;
  const dispose = () => {
    optimizer.dispose();
    tf.dispose(net.variables);
  };
  return { net, step, dispose, setLearningRate };
}

async function readLoss(cost: tf.Scalar | null): Promise<number> {
  if (!cost) throw new Error('minimize returned no cost');
  const [value] = await cost.data();
  cost.dispose();
  return value;
}

async function runBatch(pool: Pool, test: tf.Tensor4D, plan: TimedPlan): Promise<SideResult> {
  const B = plan.batch;
  const t = trainer(B, benchHyper(B));
  try {
    const at = (k: number) => (k * B) % POOL;
    const w0 = performance.now();
    let firstStepLoss = NaN;
    for (let k = 0; k < plan.warmupSteps; k++) {
      const loss = await readLoss(t.step(pool, at(k), true));
      if (k === 0) firstStepLoss = loss;
    }
    const warmupMs = performance.now() - w0;
    let lossSum = 0;
    const synced = await timedRun(plan, async (k) => {
      lossSum += await readLoss(t.step(pool, at(plan.warmupSteps + k), true));
    });
    const pipelined = await pipelinedRun(
      synced.steps,
      B,
      (k) => void t.step(pool, at(k), false),
      async () => void (await t.net.variables[0].data()),
    );
    const logitsOf = (first: number) => t.net.forward(tf.slice(test, [first, 0, 0, 0], [B, 28, 28, 1]));
    const p0 = performance.now();
    const probe = logitsOf(0);
    await probe.data();
    probe.dispose();
    const batches = inferenceBatches(performance.now() - p0, plan.inferenceMs, B, test.shape[0]);
    const i0 = performance.now();
    const all = tf.tidy(() => tf.concat(Array.from({ length: batches }, (_, i) => logitsOf(i * B))));
    await all.data();
    const inference = timing(batches, performance.now() - i0, B);
    all.dispose();
    return {
      status: 'ok',
      batch: B,
      firstStepLoss,
      warmupMs,
      synced: { ...synced, meanLoss: lossSum / synced.steps },
      pipelined,
      inference,
    };
  } finally {
    t.dispose();
  }
}

export async function runTfjs(backend: TfjsBackend, plans: TimedPlan[]): Promise<TfjsRun | Unavailable> {
  const started = await startBackend(backend);
  if (!started.ok) return { status: 'unavailable', reason: started.reason };
  const run: TfjsRun = { status: 'ok', backend, details: started.details, batches: [] };
  if (started.details.suppliedConv2dBackpropFilter) {
    run.suppliedFilterGradMaxAbsDiff = await checkSuppliedFilterGrad(backend);
  }
  const d = await loadMnist();
  const pool = await trainingPool(POOL, SEED);
  const test = tf.tensor4d(normalisedImages(d.test.images, 0, d.test.count), [d.test.count, 28, 28, 1]);
  try {
    for (const plan of plans) run.batches.push(await runBatch(pool, test, plan));
  } finally {
    tf.dispose([pool.images, pool.labels, test]);
  }
  return run;
}

export interface AccuracyResult {
  status: 'ok';
  recipe: typeof BUDGET_RECIPE;
  testAccuracy: number;
  steps: number;
  epochs: number;
  trainMs: number;
  imagesPerSecond: number;
}

/** Trains on the full training set for `budgetMs` (loss read back every 20th step), then tests. */
export async function tfjsAccuracy(
  backend: TfjsBackend,
  budgetMs: number,
  batch: number,
): Promise<AccuracyResult | Unavailable> {
  const started = await startBackend(backend);
  if (!started.ok) return { status: 'unavailable', reason: started.reason };
  const d = await loadMnist();
  const n = d.train.count;
  const t = trainer(batch, budgetHyper(batch, 0, budgetMs));
  const stepsPerEpoch = Math.floor(n / batch);
  let pool = await trainingPool(n, SEED);
  let steps = 0;
  const t0 = performance.now();
  try {
    while (performance.now() - t0 < budgetMs) {
      const k = steps % stepsPerEpoch;
      t.setLearningRate(budgetHyper(batch, performance.now() - t0, budgetMs).lr);
      if (k === 0 && steps > 0) pool = { ...pool, order: sampleOrder(n, SEED + steps / stepsPerEpoch) };
      const cost = t.step(pool, k * batch, steps % 20 === 19);
      if (cost) await readLoss(cost);
      steps += 1;
    }
    await t.net.variables[0].data();
    const trainMs = performance.now() - t0;
    const test = tf.tensor4d(normalisedImages(d.test.images, 0, d.test.count), [d.test.count, 28, 28, 1]);
    let correct = 0;
    for (let first = 0; first < d.test.count; first += 500) {
      const size = Math.min(500, d.test.count - first);
      const predicted = tf.tidy(() =>
        tf.argMax(t.net.forward(tf.slice(test, [first, 0, 0, 0], [size, 28, 28, 1])), 1),
      );
      const values = await predicted.data();
      predicted.dispose();
      values.forEach((p, i) => (correct += p === d.test.labels[first + i] ? 1 : 0));
    }
    test.dispose();
    return {
      status: 'ok',
      recipe: BUDGET_RECIPE,
      testAccuracy: correct / d.test.count,
      steps,
      epochs: steps / stepsPerEpoch,
      trainMs,
      imagesPerSecond: (steps * batch * 1000) / trainMs,
    };
  } finally {
    t.dispose();
    tf.dispose([pool.images, pool.labels]);
  }
}

/** TF.js's matMul at size³ (2·size³ flops), median of 3 rounds; a 1-value read forces completion. */
export async function tfjsMatmul(backend: TfjsBackend, size: number) {
  const started = await startBackend(backend);
  if (!started.ok) return { status: 'unavailable' as const, reason: started.reason };
  const values = Float32Array.from({ length: size * size }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5);
  const a = tf.tensor2d(values, [size, size]);
  const b = tf.tensor2d(values, [size, size]);
  const once = async () => {
    const t0 = performance.now();
    const corner = tf.tidy(() => tf.slice(tf.matMul(a, b), [0, 0], [1, 1]));
    await corner.data();
    corner.dispose();
    return performance.now() - t0;
  };
  await once();
  const times = [await once(), await once(), await once()].sort((x, y) => x - y);
  tf.dispose([a, b]);
  const ms = times[1];
  return { status: 'ok' as const, size, ms, gflops: (2 * size ** 3) / (ms * 1e6) };
}
