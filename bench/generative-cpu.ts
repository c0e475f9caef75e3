// Issue 21's generative figures: seconds per training step of the generative presets (the conv autoencoder
// and the DCGAN pair, batch 64, their preset hyperparameters) on our CPU backends, beside PyTorch's on the
// same machine with the same networks (exported by src/network/export) and batch. CPU-seconds are the
// process's user + system time (every thread), wall seconds the clock. Runs in Node, where both can be
// read, on the app's own engines (CpuAutoencoder, CpuGan) with the same kernels the browser loads:
//   node --import ./scripts/engine-node.mjs bench/generative-cpu.ts [budgetMs]
// Prints one JSON object; npm run bench (group 'generative') runs it and reports it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { referenceOps, type CpuOps } from '../src/engine/cpu-ops';
import { createNodeWasmOps } from '../src/engine/wasm/testing/node';
import { describeModel, type ModelDescription } from '../src/model/describe';
import { initialState } from '../src/model/init';
import { exportModelPy, planExport } from '../src/network/export/pytorch-code';
import { getPreset, presetSpec, type PresetId } from '../src/network/presets';
import { wireSpec } from '../src/network/analyze';
import type { Hyperparams } from '../src/network/hyper';
import type { HostDataset } from '../src/training/backend';
import { CpuAutoencoder } from '../src/training/generative/cpu-autoencoder';
import { CpuGan } from '../src/training/generative/cpu-gan';
import { optimizerSettings } from '../src/training/optimizer-settings';
import { Prng } from '../src/training/prng';

const BATCH = 64;
const budgetMs = Number(process.argv[2] ?? 3000);
const PYTHON = process.env.TORCH_PYTHON ?? '/usr/bin/python3';

interface Timing {
  steps: number;
  wallSecondsPerStep: number;
  cpuSecondsPerStep: number;
}

/** One warm-up step, then steps until `budgetMs` (at least 3), wall and process CPU time per step. */
function time(step: (k: number) => void): Timing {
  step(0);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let steps = 0;
  while (steps < 3 || performance.now() - t0 < budgetMs) step(++steps);
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return {
    steps,
    wallSecondsPerStep: wall / steps,
    cpuSecondsPerStep: (cpu.user + cpu.system) / 1e6 / steps,
  };
}

const describe = (id: PresetId): ModelDescription => {
  const spec = wireSpec(presetSpec(id));
  return describeModel(spec.input.shape, spec.layers);
};

/** Random MNIST-sized images (the step's cost does not depend on the pixels). */
function dataset(): HostDataset {
  const p = new Prng(21);
  const images = Uint8Array.from({ length: BATCH * 784 }, () => p.int(256));
  const split = { images, labels: new Uint8Array(BATCH), capacity: BATCH, available: BATCH };
  return { pixels: 784, train: split, test: split };
}

const hyperOf = (id: PresetId): Hyperparams => ({ ...getPreset(id)!.hyper, batchSize: BATCH });

function autoencoderStep(ops: CpuOps): Timing {
  const hyper = hyperOf('autoencoder');
  const desc = describe('autoencoder');
  const data = dataset();
  const options = { batch: BATCH, seed: 1, optimizer: optimizerSettings(hyper), loss: 'bce' as const };
  const engine = new CpuAutoencoder(desc, options, () => data, ops);
  const p = new Prng(3);
  engine.writeState(initialState(desc, () => p.next()));
  engine.setOrder(Uint32Array.from({ length: BATCH }, (_, i) => i));
  try {
    return time((k) => engine.step(0, k));
  } finally {
    engine.destroy();
  }
}

function ganStep(ops: CpuOps): Timing {
  const hyper = hyperOf('dcgan-generator');
  const [g, d] = [describe('dcgan-generator'), describe('dcgan-discriminator')];
  const data = dataset();
  const settings = optimizerSettings(hyper);
  const engine = new CpuGan(
    g,
    d,
    { batch: BATCH, seed: 1, generator: settings, discriminator: settings },
    () => data,
    ops,
  );
  const p = new Prng(4);
  engine.writeState({
    generator: initialState(g, () => p.next()),
    discriminator: initialState(d, () => p.next()),
  });
  engine.setOrder(Uint32Array.from({ length: BATCH }, (_, i) => i));
  const z = Float32Array.from({ length: BATCH * g.inputShape[0] }, () => p.next() * 2 - 1);
  try {
    return time((k) => engine.step(0, k, z));
  } finally {
    engine.destroy();
  }
}

/** PyTorch on the exported networks (scripts in bench/torch_generative.py), 1 and 2 threads. */
function torch(): unknown {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-generative-'));
  try {
    const model = (id: PresetId) => {
      const spec = presetSpec(id);
      const file = path.join(dir, `${id}.py`);
      writeFileSync(file, exportModelPy(spec));
      return {
        file,
        className: planExport(spec).className,
        inputShape: spec.input.shape,
        hyper: hyperOf(id),
      };
    };
    const jobs = {
      batch: BATCH,
      budgetMs,
      threads: [1, 2],
      autoencoder: model('autoencoder'),
      generator: model('dcgan-generator'),
      discriminator: model('dcgan-discriminator'),
    };
    const jobsFile = path.join(dir, 'jobs.json');
    writeFileSync(jobsFile, JSON.stringify(jobs));
    const script = fileURLToPath(new URL('./torch_generative.py', import.meta.url));
    const run = spawnSync(PYTHON, [script, jobsFile], { encoding: 'utf8', timeout: 600_000 });
    if (run.status !== 0) {
      const why = run.error?.message ?? run.stderr.trim().split('\n').slice(-3).join(' ');
      return { status: 'unavailable', reason: `${PYTHON} failed: ${why}` };
    }
    return { status: 'ok', ...JSON.parse(run.stdout) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ours: Record<string, unknown> = {};
for (const [side, make] of [
  ['wasm1', () => createNodeWasmOps(1)],
  ['wasm2', () => createNodeWasmOps(2)],
  ['js', async () => referenceOps],
] as const) {
  // Each engine owns (and disposes) its ops, so every measurement gets fresh ones.
  ours[side] = {
    autoencoder: autoencoderStep(await make()),
    dcgan: ganStep(await make()),
  };
}
process.stdout.write(`${JSON.stringify({ status: 'ok', batch: BATCH, budgetMs, ours, torch: torch() })}\n`);
process.exit(0);
