// Our training runtime end to end, in-process (TrainerCore is what the worker runs): accuracy after a
// fixed training budget, time from page load to the first training step, and the 5,000-step soak.
import { TrainerCore } from '../src/training/core';
import { GpuBackend } from '../src/training/gpu-backend';
import type { EventOf, TrainerEvent, TrainerEventType, TrainerRequest } from '../src/training/protocol';
import { DATA_URL } from './data';
import { bufferCounts, type BufferCounts } from './gpu-counters';
import { benchHyper, budgetLr, lenetSpec } from './setup';

/** Waiters on the core's events; only the pending waits are held, never the event history. */
class EventTap {
  private waits = new Set<(event: TrainerEvent) => void>();
  error: string | null = null;

  readonly emit = (event: TrainerEvent) => {
    if (event.type === 'error' || event.type === 'datasetError') this.error = event.message;
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

/** A TrainerCore on WebGPU with LeNet-5 and MNIST loaded; `marks` records when each stage finished. */
async function session(batch: number, marks: Record<string, number> = {}): Promise<Session> {
  const tap = new EventTap();
  const core = new TrainerCore(tap.emit, { reportEvery: 20 });
  const send = (request: TrainerRequest) => core.handle(request);
  const ready = tap.next('ready');
  await send({ type: 'init' });
  const r = await ready;
  if (r.backend !== 'webgpu') throw new Error(`the trainer fell back to the CPU: ${r.fallbackReason}`);
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

export async function oursAccuracy(budgetMs: number, batch: number) {
  const s = await session(batch);
  try {
    const t0 = performance.now();
    await s.send({ type: 'start' });
    // The learning rate follows the budget's decay, set live (as the UI's lr field does) every 250 ms.
    for (let left = budgetMs; left > 0; left = budgetMs - (performance.now() - t0)) {
      await sleep(Math.min(250, left));
      const lr = budgetLr(performance.now() - t0, budgetMs);
      await s.send({ type: 'setHyper', hyper: benchHyper(batch, lr) });
    }
    await s.send({ type: 'pause' });
    const trainMs = performance.now() - t0;
    const steps = s.core.step;
    const evaluation = s.tap.next('evaluation', (e) => e.step === steps);
    await s.send({ type: 'evaluate' });
    const e = await evaluation;
    const stepsPerEpoch = Math.floor(s.core.data.train.available / batch);
    return {
      status: 'ok' as const,
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
    await (s.core.backend as GpuBackend).device.queue.onSubmittedWorkDone();
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
  const target = core.step + steps;
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
  await (core.backend as GpuBackend).device.queue.onSubmittedWorkDone();
  await sleep(500);
  return {
    step: core.step,
    ms: performance.now() - t0,
    buffers: bufferCounts(),
    backendBytes: core.backend?.bytes() ?? 0,
  };
}
