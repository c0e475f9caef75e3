// Our WebAssembly CPU ops (src/engine/wasm) training LeNet-5 on the page's main thread, with 1 or 2 threads
// (the second one a helper worker sharing the memory: the bench page is cross-origin isolated). The model is
// the CPU backend's own CpuModel on these ops; the weights, batches, order and step protocol are those of
// every other side (see ours.ts and tfjs.ts).
import { createWasmOps } from '../src/engine/wasm/create';
import { CpuModel } from '../src/model/cpu-model';
import { loadMnist, normalisedImages, PIXELS, sampleOrder } from './data';
import type { SideResult } from './ours';
import {
  benchHyper,
  inferenceBatches,
  lenetModel,
  POOL,
  SEED,
  timedRun,
  timing,
  type TimedPlan,
} from './setup';

export interface WasmSideResult extends SideResult {
  details: { threads: number; shared: boolean; crossOriginIsolated: boolean };
}

export async function runOursWasm(plan: TimedPlan, threads: number): Promise<WasmSideResult> {
  const B = plan.batch;
  const d = await loadMnist();
  const images = normalisedImages(d.train.images, 0, POOL);
  const order = sampleOrder(POOL, SEED);
  const ops = await createWasmOps({ threads });
  try {
    const { desc, init } = lenetModel(B);
    const hyper = benchHyper(B);
    const t = new CpuModel(
      desc,
      B,
      { kind: 'sgd', lr: hyper.lr, momentum: hyper.momentum, nesterov: false, weightDecay: 0 },
      SEED,
      { ops },
    );
    t.params.set(init.params);
    t.buffers.set(init.buffers);
    // The batch at step k: samples order[(k*B) % POOL ...], gathered into the trainer's input.
    const gather = (k: number) => {
      const first = (k * B) % POOL;
      for (let i = 0; i < B; i++) {
        const s = order[first + i];
        t.input.set(images.subarray(s * PIXELS, (s + 1) * PIXELS), i * PIXELS);
        t.labels[i] = d.train.labels[s];
      }
    };
    const step = (k: number) => {
      gather(k);
      return t.step(k).lossSum / B;
    };

    const w0 = performance.now();
    let firstStepLoss = NaN;
    for (let k = 0; k < plan.warmupSteps; k++) {
      const loss = step(k);
      if (k === 0) firstStepLoss = loss;
    }
    const warmupMs = performance.now() - w0;
    let lossSum = 0;
    const synced = await timedRun(plan, async (k) => {
      lossSum += step(plan.warmupSteps + k);
    });
    // Every step completes before the call returns: the pipelined run is the same steps timed again.
    const p0 = performance.now();
    for (let k = 0; k < synced.steps; k++) step(k);
    const pipelined = timing(synced.steps, performance.now() - p0, B);

    const test = normalisedImages(d.test.images, 0, d.test.count);
    const infer = (batch: number) => {
      t.input.set(test.subarray(batch * B * PIXELS, (batch + 1) * B * PIXELS));
      t.forward(false);
    };
    const i0 = performance.now();
    infer(0);
    const batches = inferenceBatches(performance.now() - i0, plan.inferenceMs, B, d.test.count);
    const i1 = performance.now();
    for (let b = 0; b < batches; b++) infer(b);
    const inference = timing(batches, performance.now() - i1, B);
    return {
      status: 'ok',
      batch: B,
      firstStepLoss,
      warmupMs,
      synced: { ...synced, meanLoss: lossSum / synced.steps },
      pipelined,
      inference,
      details: { threads: ops.threads, shared: ops.shared, crossOriginIsolated },
    };
  } finally {
    ops.dispose();
  }
}
