// Writes the generative presets as the app exports them (model.py, and weights.safetensors holding the
// engine's seeded initial weights, drawn as a run with that seed draws them: the generator first, then
// the discriminator), plus the judge (LeNet-5's model.py and its trained weights), for the PyTorch
// measurements (measure.py) and the parity tests.
//   node --import ./scripts/engine-node.mjs scripts/generative/export-presets.ts OUT_DIR SEED
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeModel } from '../../src/model/describe';
import { initialState } from '../../src/model/init';
import { wireSpec } from '../../src/network/analyze';
import { exportModelPy } from '../../src/network/export/pytorch-code';
import { exportWeights } from '../../src/network/export/weights-file';
import { presetSpec, type PresetId } from '../../src/network/presets';
import type { NetworkSpec } from '../../src/network/spec';
import { JUDGE_PATH, judgeSpec } from '../../src/training/generative/judge';
import { snapshotFromState } from '../../src/training/load-weights';
import { deriveSeed, Prng } from '../../src/training/prng';
import { SEED_STREAM } from '../../src/training/schedule';

const [outDir, seedText] = process.argv.slice(2);
if (!outDir || !seedText) throw new Error('usage: export-presets.ts OUT_DIR SEED');
const seed = Number(seedText);

/** One run's networks, initialised in order from the run's seeded stream. */
const RUNS: PresetId[][] = [
  ['autoencoder'],
  ['autoencoder-sharp'],
  ['vae'],
  ['dcgan-generator', 'dcgan-discriminator'],
  ['cgan-generator', 'cgan-discriminator'],
];

async function write(dir: string, spec: NetworkSpec, weights: Uint8Array): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'model.py'), exportModelPy(spec));
  await writeFile(join(dir, 'weights.safetensors'), weights);
}

for (const run of RUNS) {
  const prng = new Prng(deriveSeed(seed, SEED_STREAM.init));
  for (const id of run) {
    const spec = wireSpec(presetSpec(id));
    const desc = describeModel(spec.input.shape, spec.layers);
    const state = initialState(desc, () => prng.next());
    await write(join(outDir, id), spec, exportWeights(spec, snapshotFromState(desc, state)));
  }
}
await mkdir(join(outDir, 'judge'), { recursive: true });
await writeFile(join(outDir, 'judge', 'model.py'), exportModelPy(judgeSpec()));
await copyFile(join('public', JUDGE_PATH), join(outDir, 'judge', 'weights.safetensors'));
console.log(`exported ${RUNS.flat().join(', ')} and the judge to ${outDir} (seed ${seed})`);
