// Our training runtime end to end, in-process (TrainerCore is what the worker runs): accuracy after a
// fixed training budget, time from page load to the first training step, the 5,000-step soak, and what
// evaluating the test sample while training costs in throughput.
import { TrainerCore, type TrainerCoreOptions } from '../src/training/core';
import { GpuBackend } from '../src/training/gpu-backend';
import type { EventOf, TrainerEvent, TrainerEventType, TrainerRequest } from '../src/training/protocol';
import { sampleIndices } from '../src/training/test-sample';
import { DATA_URL } from './data';
import { bufferCounts, type BufferCounts } from './gpu-counters';
import { benchHyper, BUDGET_RECIPE, budgetHyper, lenetSpec } from './setup';

/** Waiters on the core's events; only the pending waits are held, never the event history. */
class EventTap {
  private waits = new Set<(event: TrainerEvent) => void>();
  error: string | null = null;
  /** Events seen, per type. */
  readonly counts = new Map<TrainerEventType, number>();

  readonly emit = (event: TrainerEvent) => {
    if (event.type === 'error' || event.type === 'datasetError') this.error = event.message;
    this.counts.set(event.type, (this.counts.get(event.type) ?? 0) + 1);
    for (const w of [...this.waits]) w(event);
  };

  next<T extends TrainerEventType>(
    type: T,
    test: (e: EventOf<T>) => boolean = () => true,
  ): Promise<EventOf<T>> {
    return new Promise((resolve, reject) => {
      const wait = (event: TrainerEvent) => {
        if (event.type === 'error' || event.type === 'datasetError') {
          this.waits.delete(wait);
          reject(new Error(`trainer reported: ${event.message}`));
        } else if (event.type === type && test(event as EventOf<T>)) {
          this.waits.delete(wait);
          resolve(event as EventOf<T>);
        }
      };
      this.waits.add(wait);
    });
  }
}

interface Session {
  core: TrainerCore;
  tap: EventTap;
  send(request: TrainerRequest): Promise<void>;
}

/**
 * A TrainerCore with LeNet-5 and MNIST loaded, on WebGPU (or, under 'auto', where the app's automatic
 * choice puts it); `marks` records when each stage finished.
 */
async function session(
  batch: number,
  marks: Record<string, number> = {},
  options: TrainerCoreOptions = {},
  backend: 'webgpu' | 'auto' = 'webgpu',
): Promise<Session> {
  const tap = new EventTap();
  const core = new TrainerCore(tap.emit, { reportEvery: 20, ...options });
  const send = (request: TrainerRequest) => core.handle(request);
  const ready = tap.next('ready');
  await send({ type: 'init', backend });
  const r = await ready;
  if (backend === 'webgpu' && r.backend !== 'webgpu')
    throw new Error(`the trainer fell back to the CPU: ${r.fallbackReason}`);
  marks.deviceReady = performance.now();
  const dataReady = tap.next('datasetReady');
  await send({ type: 'loadDataset', id: 'mnist', baseUrl: DATA_URL });
  await send({ type: 'setHyper', hyper: benchHyper(batch) });
  await send({ type: 'setSpec', spec: lenetSpec() });
  marks.modelBuilt = performance.now();
  await dataReady;
  marks.datasetLoaded = performance.now();
  return { core, tap, send };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Test accuracy after `budgetMs` of training; under 'auto', on the backend the app would choose here. */
export async function oursAccuracy(budgetMs: number, batch: number, backend: 'webgpu' | 'auto' = 'webgpu') {
  const s = await session(batch, {}, {}, backend);
  try {
    await s.send({ type: 'setHyper', hyper: budgetHyper(batch, 0, budgetMs) });
    const t0 = performance.now();
    await s.send({ type: 'start' });
    // The learning rate follows the budget's schedule, set live (as the UI's lr field does) every 250 ms.
    for (let left = budgetMs; left > 0; left = budgetMs - (performance.now() - t0)) {
      await sleep(Math.min(250, left));
      await s.send({ type: 'setHyper', hyper: budgetHyper(batch, performance.now() - t0, budgetMs) });
    }
    await s.send({ type: 'pause' });
    const trainMs = performance.now() - t0;
    const steps = s.core.current.step;
    const evaluation = s.tap.next('evaluation', (e) => e.step === steps);
    await s.send({ type: 'evaluate' });
    const e = await evaluation;
    const stepsPerEpoch = Math.floor(s.core.current.data.train.available / batch);
    return {
      status: 'ok' as const,
      backend: s.core.selector.choice?.engine ?? null,
      reason: s.core.selector.choice?.reason ?? null,
      recipe: BUDGET_RECIPE,
      testAccuracy: e.testAccuracy,
      testLoss: e.testLoss,
      steps,
      epochs: steps / stepsPerEpoch,
      trainMs,
      imagesPerSecond: (steps * batch * 1000) / trainMs,
    };
  } finally {
    await s.send({ type: 'dispose' });
  }
}

/** Milliseconds since navigation start (performance.timeOrigin) at each stage, up to the first step done. */
export async function oursFirstStep(batch: number, moduleLoadedAt: number) {
  const marks: Record<string, number> = { moduleLoaded: moduleLoadedAt };
  const s = await session(batch, marks);
  try {
    await s.send({ type: 'start' });
    // start() has submitted step 1 before it returns; its completion is the first step done.
    await (s.core.current.backend as GpuBackend).device.queue.onSubmittedWorkDone();
    marks.firstStepDone = performance.now();
    await s.send({ type: 'pause' });
    return { status: 'ok' as const, marksMs: marks, timeToFirstStepMs: marks.firstStepDone };
  } finally {
    await s.send({ type: 'dispose' });
  }
}

let soak: Session | null = null;

export interface SoakPoint {
  step: number;
  ms: number;
  buffers: BufferCounts;
  /** Device memory the backend reports holding (model, weight copies, dataset). */
  backendBytes: number;
}

/** Trains `steps` more steps (from a fresh session on the first call) and pauses. */
export async function soakSteps(steps: number, batch: number): Promise<SoakPoint> {
  const first = soak === null;
  soak ??= await session(batch);
  const { core, tap, send } = soak;
  const target = core.current.step + steps;
  const t0 = performance.now();
  const reached = tap.next('metrics', (m) => m.step >= target);
  await send({ type: 'start' });
  await reached;
  await send({ type: 'pause' });
  if (first) {
    // Warm the evaluation path too (its pipelines, gallery), as the soak crosses epoch ends.
    const evaluated = tap.next('gallery');
    await send({ type: 'evaluate' });
    await evaluated;
  }
  // Let in-flight readbacks (weight snapshots are taken in the background) finish and free their buffers.
  await (core.current.backend as GpuBackend).device.queue.onSubmittedWorkDone();
  await sleep(500);
  return {
    step: core.current.step,
    ms: performance.now() - t0,
    buffers: bufferCounts(),
    backendBytes: core.current.backend?.bytes() ?? 0,
  };
}

/**
 * Training throughput with the test sample evaluated while training (the app's settings) against none,
 * on one trainer: runs of `trainMs` alternate between the sample on and off (`testSampleSize` 0), `rounds`
 * pairs, which one first alternating too. Each pair's ratio compares runs next to each other in time, and
 * their median sets aside a pair that a busy machine slowed on one side only. The sample clock counts the
 * off runs' training too, so an on run starts with an evaluation due: if anything, this overstates the cost.
 * Also the wall time of one sample evaluation, paused, and the gap the clock leaves after it.
 */
export async function oursTestSampleCost(trainMs: number, rounds: number, batch: number) {
  const s = await session(batch);
  const { options } = s.core;
  const size = options.testSampleSize;
  try {
    /** Images per second over one run of `trainMs`, with the sample evaluated or not. */
    const run = async (sample: boolean) => {
      options.testSampleSize = sample ? size : 0;
      const step0 = s.core.current.step;
      const t0 = performance.now();
      await s.send({ type: 'start' });
      await sleep(trainMs);
      await s.send({ type: 'pause' });
      return ((s.core.current.step - step0) * batch * 1000) / (performance.now() - t0);
    };
    // A short warm-up (pipelines, the first report and the first sample evaluation), not counted.
    await run(true);
    const samplesBefore = s.tap.counts.get('testSample') ?? 0;
    const pairs: { without: number; with: number }[] = [];
    for (let r = 0; r < rounds; r++) {
      if (r % 2 === 0) {
        const without = await run(false);
        pairs.push({ without, with: await run(true) });
      } else {
        const on = await run(true);
        pairs.push({ with: on, without: await run(false) });
      }
    }
    options.testSampleSize = size;
    const ratios = pairs.map((p) => p.with / p.without).sort((a, b) => a - b);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const [without, withSample] = [mean(pairs.map((p) => p.without)), mean(pairs.map((p) => p.with))];
    const indices = sampleIndices(s.core.current.data.test.capacity, size);
    const costs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await s.core.current.backend!.evaluateSample(indices);
      costs.push(performance.now() - t0);
    }
    const costMs = Math.min(...costs);
    const evaluations = (s.tap.counts.get('testSample') ?? 0) - samplesBefore;
    return {
      status: 'ok' as const,
      batch,
      trainMsPerRun: trainMs,
      rounds,
      imagesPerSecondWithout: without,
      imagesPerSecondWith: withSample,
      /** Over all runs (each side trained as long), and the median of the pairs'. */
      throughputRatio: withSample / without,
      medianPairRatio: ratios[Math.floor(ratios.length / 2)],
      pairRatios: ratios,
      sampleEvaluations: evaluations,
      sampleImages: indices.length,
      sampleEvaluationMs: costMs,
      /** The share of the on runs' time the evaluations took, by their count and measured cost. */
      evaluationShare: (evaluations * costMs) / (rounds * trainMs),
      gapAfterEvaluationMs: Math.max(options.testSampleEveryMs, costMs / options.testSampleBudget),
      settings: {
        testSampleSize: size,
        testSampleEveryMs: options.testSampleEveryMs,
        testSampleBudget: options.testSampleBudget,
      },
    };
  } finally {
    await s.send({ type: 'dispose' });
  }
}
