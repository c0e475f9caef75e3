// Our side of the throughput comparison: the training runtime's WebGPU backend (GpuBackend, the one the
// worker uses) on LeNet-5, fed from the GPU-resident dataset, one encoder and one submit per step.
// runBackend is the measurement itself, shared with our CPU backend (ours-cpu.ts).
import { acquireGpu } from '../src/gpu/device';
import type { HostDataset, TrainerBackend } from '../src/training/backend';
import { GpuBackend } from '../src/training/gpu-backend';
import { hostDataset, loadMnist, sampleOrder } from './data';
import {
  benchHyper,
  inferenceBatches,
  lenetModel,
  pipelinedRun,
  POOL,
  SEED,
  timedRun,
  timing,
  type RunTiming,
  type TimedPlan,
} from './setup';

export interface SideResult {
  status: 'ok';
  batch: number;
  /** Loss of the first step: both sides start from the same weights and batch, so these should agree. */
  firstStepLoss: number;
  warmupMs: number;
  /** Each step completes (its loss read back to the host) before the next starts. */
  synced: RunTiming & { meanLoss: number };
  /** The same number of steps queued back to back, one forced sync at the end. */
  pipelined: RunTiming;
  inference: RunTiming;
}

export async function runOurs(plan: TimedPlan): Promise<SideResult> {
  const data = hostDataset(await loadMnist());
  const { device } = await acquireGpu();
  const errors: string[] = [];
  const backend = new GpuBackend(
    device,
    () => undefined,
    (message) => errors.push(message),
  );
  try {
    const result = await runBackend(plan, backend, data);
    if (errors.length) throw new Error(`WebGPU errors during the run: ${errors.join(' | ')}`);
    return result;
  } finally {
    backend.destroy();
    device.destroy();
  }
}

/** Warm-up, synced and pipelined training runs and timed inference on a backend (destroyed by the caller). */
export async function runBackend(
  plan: TimedPlan,
  backend: TrainerBackend,
  data: HostDataset,
): Promise<SideResult> {
  const B = plan.batch;
  backend.syncDataset(data, 'train', 0, data.train.available);
  backend.syncDataset(data, 'test', 0, data.test.available);
  const { desc, init } = lenetModel(B);
  backend.build(desc, benchHyper(B), init);
  backend.setOrder(sampleOrder(POOL, SEED));
  const at = (k: number) => (k * B) % POOL;
  const lossOf = async () => {
    const s = await backend.takeSums();
    return s.loss / s.samples;
  };

  const w0 = performance.now();
  let firstStepLoss = NaN;
  for (let k = 0; k < plan.warmupSteps; k++) {
    backend.step(at(k), k);
    const loss = await lossOf();
    if (k === 0) firstStepLoss = loss;
  }
  const warmupMs = performance.now() - w0;

  let lossSum = 0;
  const synced = await timedRun(plan, async (k) => {
    backend.step(at(plan.warmupSteps + k), plan.warmupSteps + k);
    lossSum += await lossOf();
  });
  // The trainer's own loop: at most two steps in flight (settle), no readback until the end.
  const pipelined = await pipelinedRun(
    synced.steps,
    B,
    async (k) => {
      backend.step(at(k), k);
      await backend.settle();
    },
    async () => void (await lossOf()),
  );

  const p0 = performance.now();
  await backend.evaluate(B);
  const batches = inferenceBatches(performance.now() - p0, plan.inferenceMs, B, data.test.available);
  const i0 = performance.now();
  await backend.evaluate(batches * B);
  const inference = timing(batches, performance.now() - i0, B);

  return {
    status: 'ok',
    batch: B,
    firstStepLoss,
    warmupMs,
    synced: { ...synced, meanLoss: lossSum / synced.steps },
    pipelined,
    inference,
  };
}
