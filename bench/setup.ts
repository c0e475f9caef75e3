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
 * The 60 s accuracy run's recipe, the same on both sides: Adam, its rate warmed up linearly to `peakLr` over
 * the first `warmup` of the time budget, then decayed linearly to 2% of it at the end. Chosen in PyTorch on
 * this LeNet (scripts/torch/lenet_budget.py; budgets of 1,500-4,000 steps at batch 64, the steps 60 s gives
 * here): see docs/BENCH.md for the figures.
 */
export const BUDGET_RECIPE = { optimizer: 'adam', peakLr: 3e-3, warmup: 0.05 } as const;
/** The rate never reaches 0 (the trainer refuses lr 0): the warm-up starts and the decay ends here. */
const LR_FLOOR = 0.02;

/** The accuracy run's learning rate `elapsedMs` into its budget. */
function budgetLr(elapsedMs: number, budgetMs: number): number {
  const { peakLr, warmup } = BUDGET_RECIPE;
  const done = elapsedMs / budgetMs;
  const shape = done < warmup ? done / warmup : 1 - (done - warmup) / (1 - warmup);
  return peakLr * Math.max(LR_FLOOR, shape);
}

/** Our hyperparameters `elapsedMs` into the accuracy run's budget (Adam's betas and eps: PyTorch's). */
export function budgetHyper(batchSize: number, elapsedMs: number, budgetMs: number): Hyperparams {
  const lr = budgetLr(elapsedMs, budgetMs);
  return { ...benchHyper(batchSize, lr), optimizer: BUDGET_RECIPE.optimizer };
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
