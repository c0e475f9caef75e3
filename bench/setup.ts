// What both sides train: LeNet-5 exactly as issue 9 defines it (our 'lenet-5' preset), SGD with momentum,
// one seed for the weights (both sides start from the same values) and for the sample order.
import { describeSpec } from '../src/training/model-spec';
import { initialState } from '../src/model/init';
import type { ModelDescription } from '../src/model/describe';
import type { InitialState } from '../src/model/init';
import { DEFAULT_HYPER, type Hyperparams } from '../src/network/hyper';
import { presetSpec } from '../src/network/presets';
import type { NetworkSpec } from '../src/network/spec';
import { seededRandom } from '../src/training/schedule';

export const SEED = 1;
/** Throughput runs cycle over the first POOL training images (a multiple of every batch size used). */
export const POOL = 8192;

export function lenetSpec(): NetworkSpec {
  return presetSpec('lenet-5');
}

/** PyTorch's SGD(lr, momentum = 0.9), the same update as TF.js's tf.train.momentum(lr, 0.9). */
export function benchHyper(batchSize: number, lr = 0.05): Hyperparams {
  return { ...DEFAULT_HYPER, optimizer: 'sgd', lr, momentum: 0.9, batchSize, epochs: 1000, seed: SEED };
}

/**
 * The accuracy run's learning rate: linear decay from `lr` to 2% of it over the time budget, on both sides.
 * Annealing is what lets a short budget reach a low loss (PyTorch on this LeNet, 40,000 images at batch 64,
 * seeds 1-3: 98.0-98.5% test accuracy with the decay, 97.2-97.7% at a constant 0.05).
 */
export function budgetLr(elapsedMs: number, budgetMs: number, lr = 0.05): number {
  return lr * Math.max(0.02, 1 - elapsedMs / budgetMs);
}

export interface LenetModel {
  desc: ModelDescription;
  init: InitialState;
}

/** The model description and the seeded PyTorch-default initial weights both sides start from. */
export function lenetModel(batch: number): LenetModel {
  const desc = describeSpec(lenetSpec(), batch);
  return { desc, init: initialState(desc, seededRandom(SEED)) };
}

export interface TimedPlan {
  batch: number;
  warmupSteps: number;
  /** The synced run goes on until both minSteps and minMs are reached, or maxSteps. */
  minSteps: number;
  minMs: number;
  maxSteps: number;
  /** Time budget for the inference measurement. */
  inferenceMs: number;
}

export interface RunTiming {
  steps: number;
  ms: number;
  imagesPerSecond: number;
  stepMs: number;
}

export function timing(steps: number, ms: number, batch: number): RunTiming {
  return { steps, ms, imagesPerSecond: (steps * batch * 1000) / ms, stepMs: ms / steps };
}

/** Runs `step` until the plan's minimums are met (or maxSteps); `step` must complete the step itself. */
export async function timedRun(plan: TimedPlan, step: (k: number) => Promise<void>): Promise<RunTiming> {
  const t0 = performance.now();
  let k = 0;
  while (k < plan.maxSteps && (k < plan.minSteps || performance.now() - t0 < plan.minMs)) {
    await step(k);
    k += 1;
  }
  return timing(k, performance.now() - t0, plan.batch);
}

/** Runs `steps` steps without waiting on each, then `finish` (one forced sync). */
export async function pipelinedRun(
  steps: number,
  batch: number,
  step: (k: number) => Promise<void> | void,
  finish: () => Promise<void>,
): Promise<RunTiming> {
  const t0 = performance.now();
  for (let k = 0; k < steps; k++) await step(k);
  await finish();
  return timing(steps, performance.now() - t0, batch);
}

/** Batches that fit the inference budget, from the time one batch took (at least 1, at most the test set). */
export function inferenceBatches(
  probeMs: number,
  budgetMs: number,
  batch: number,
  testCount: number,
): number {
  return Math.max(1, Math.min(Math.floor(testCount / batch), Math.floor(budgetMs / Math.max(probeMs, 1e-3))));
}
