// `npm run bench:node`: the engine part of the bench in Node, on whatever WebGPU adapter Dawn finds
// (a GPU's Vulkan driver, else SwiftShader), with no browser. Reports the adapter, the kernel tuning,
// time to 99% MNIST test accuracy for LeNet-5 and the other CNN presets, and the per-dispatch breakdown
// of one LeNet-5 step; writes bench/results/node-<adapter>.json. Figures are reported, never asserted.
//   node scripts/bench-node.mjs [--quick] [--presets lenet-5,tiny-cnn] [--max-seconds 60]
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { acquireGpu } from '../../src/gpu/device';
import type { PresetId } from '../../src/network/presets';
import { presetSpec } from '../../src/network/presets';
import { TrainerCore } from '../../src/training/core';
import type { EventOf, TrainerEvent, TrainerEventType } from '../../src/training/protocol';
import { jsonFileTuningStore } from '../../scripts/tuning-file-store.mjs';
import { runKernels } from '../kernels';
import { benchHyper, budgetHyper } from '../setup';
import { fileFetch } from './file-fetch';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const QUICK = args.includes('--quick');
const BATCH = 64;
const TARGET = 0.99;
/** Each preset trains from its seed with budgets of 1, 2, 4, ... seconds (the lr schedule fills each). */
const MAX_SECONDS = Number(arg('--max-seconds') ?? (QUICK ? 8 : 64));
const PRESETS = (arg('--presets') ?? (QUICK ? 'lenet-5,tiny-cnn' : 'lenet-5,tiny-cnn,pytorch-tutorial-cnn'))
  .split(',')
  .filter(Boolean) as PresetId[];
const say = (line: string) => process.stdout.write(`${line}\n`);

/** The trainer's events, each kept (a bench run is short) and waited on by type. */
function trainer() {
  const events: TrainerEvent[] = [];
  const waiters = new Set<() => void>();
  const core = new TrainerCore(
    (e) => {
      events.push(e);
      for (const w of [...waiters]) w();
    },
    {
      fetch: fileFetch,
      reportEvery: 50,
      tuning: {
        store: jsonFileTuningStore(path.join(root, '.cache/tuning.json')),
        budget: { maxRuns: 5000, maxMs: 120_000 },
      },
    },
  );
  const waitFor = <T extends TrainerEventType>(
    type: T,
    test: (e: EventOf<T>) => boolean = () => true,
    from = 0,
  ) =>
    new Promise<EventOf<T>>((resolve, reject) => {
      const check = () => {
        const failed = events.slice(from).find((e) => e.type === 'error' || e.type === 'datasetError');
        if (failed) return reject(new Error(`trainer: ${(failed as { message: string }).message}`));
        const hit = events.slice(from).find((e) => e.type === type && test(e as EventOf<T>));
        if (!hit) return;
        waiters.delete(check);
        resolve(hit as EventOf<T>);
      };
      waiters.add(check);
      check();
    });
  return { core, events, waitFor, send: (r: Parameters<TrainerCore['handle']>[0]) => core.handle(r) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Trains the preset from its seed for `budgetMs` on the bench's budget schedule (setup.ts), then
 *  evaluates on the 10,000 test images. */
async function budgetRun(t: ReturnType<typeof trainer>, budgetMs: number) {
  await t.send({ type: 'reset' });
  await t.send({ type: 'setHyper', hyper: budgetHyper(BATCH, 0, budgetMs) });
  const t0 = performance.now();
  await t.send({ type: 'start' });
  for (let left = budgetMs; left > 0; left = budgetMs - (performance.now() - t0)) {
    await sleep(Math.min(100, left));
    await t.send({ type: 'setHyper', hyper: budgetHyper(BATCH, performance.now() - t0, budgetMs) });
  }
  await t.send({ type: 'pause' });
  const trainMs = performance.now() - t0;
  const steps = t.core.current.step;
  const from = t.events.length;
  await t.send({ type: 'evaluate' });
  const e = await t.waitFor('evaluation', (x) => x.step === steps, from);
  return {
    budgetMs,
    trainMs,
    steps,
    testAccuracy: e.testAccuracy,
    imagesPerSecond: (steps * BATCH * 1000) / trainMs,
  };
}

async function timeTo99(preset: PresetId) {
  const t = trainer();
  try {
    await t.send({ type: 'init' });
    const ready = await t.waitFor('ready');
    if (ready.backend !== 'webgpu') throw new Error(`no WebGPU: ${ready.fallbackReason}`);
    await t.send({ type: 'setHyper', hyper: benchHyper(BATCH) });
    const tuneFrom = t.events.length;
    await t.send({ type: 'setSpec', spec: presetSpec(preset) });
    await t.send({ type: 'loadDataset', id: 'mnist', baseUrl: '/data' });
    await t.waitFor('datasetReady');
    // Train on the tuned kernels: wait for the tuning (from the cache after the first run on an adapter).
    const tuning = await t.waitFor('tuning', (e) => e.finished, tuneFrom);
    const runs = [];
    for (let s = 1; s <= MAX_SECONDS; s *= 2) {
      const run = await budgetRun(t, s * 1000);
      runs.push(run);
      say(
        `  ${preset}: ${s} s budget -> ${(run.testAccuracy * 100).toFixed(2)}% after ${run.steps} steps ` +
          `(${run.imagesPerSecond.toFixed(0)} img/s)`,
      );
      if (run.testAccuracy >= TARGET) break;
    }
    const hit = runs.find((r) => r.testAccuracy >= TARGET);
    return {
      preset,
      tuning: { sites: tuning.total, changed: tuning.changed },
      secondsTo99: hit ? hit.trainMs / 1000 : null,
      runs,
    };
  } finally {
    await t.send({ type: 'dispose' });
  }
}

const started = performance.now();
globalThis.fetch = fileFetch;
const { device, info } = await acquireGpu();
device.destroy();
say(
  `bench:node on ${info.vendor} ${info.architecture} ${info.description}${info.isFallbackAdapter ? ' (fallback)' : ''}`,
);
say(`  features: ${JSON.stringify(info.features)}; VK_ICD_FILENAMES=${process.env.VK_ICD_FILENAMES ?? ''}`);
const accuracy = [];
for (const preset of PRESETS) accuracy.push(await timeTo99(preset));
say('time to 99% test accuracy (batch 64, SGD momentum 0.9, lr 0.05 decaying over each budget):');
for (const a of accuracy) {
  const best = a.runs.reduce((x, y) => (y.testAccuracy > x.testAccuracy ? y : x));
  say(
    `  ${a.preset.padEnd(22)} ${a.secondsTo99 === null ? `not within ${MAX_SECONDS} s (best ${(best.testAccuracy * 100).toFixed(2)}%)` : `${a.secondsTo99.toFixed(2)} s`}` +
      `  (tuned: ${a.tuning.changed} of ${a.tuning.sites} sites changed)`,
  );
}
const kernels = await runKernels({ matmulSize: QUICK ? 512 : 1024, batches: [BATCH] });
const step = kernels.breakdown[0];
say(`LeNet-5 step at batch ${BATCH}: ${step.stepMsWhole.toFixed(3)} ms whole, per dispatch:`);
for (const d of step.dispatches) {
  const gpu = d.gpuMs === null ? '' : `  gpu ${d.gpuMs.toFixed(4)} ms`;
  say(
    `  ${String(d.index).padStart(3)} ${d.op.padEnd(34)} ${d.kernel.padEnd(34)} ${d.ms.toFixed(4)} ms${gpu}`,
  );
}
const slug = `${info.vendor}-${info.architecture}-${info.description}`
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, '-')
  .replace(/^-|-$/g, '');
const out = path.join(root, 'bench/results', `node-${slug || 'adapter'}.json`);
await mkdir(path.dirname(out), { recursive: true });
const report = {
  date: new Date().toISOString(),
  quick: QUICK,
  adapter: info,
  accuracy,
  kernels,
  totalSeconds: (performance.now() - started) / 1000,
};
await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
say(`wrote ${path.relative(root, out)} (${report.totalSeconds.toFixed(0)} s)`);
