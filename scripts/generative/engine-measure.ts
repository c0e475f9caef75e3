// Trains a generative preset with the engine as the app's CPU backend does (the same builds, seeded
// weights, sample order and noise stream as the worker's session, on the WebAssembly SIMD kernels) and
// prints the judge's digit score every K steps: the share of 1,000 test reconstructions recognised as
// their digit (autoencoder), or the inception score, confidence and class histogram of 1,000 samples from
// fixed noise (DCGAN), with the CPU-seconds spent so far; a 2-D code (the VAE) is also judged on two 10×10
// grids of its latent map decoded, even over [−2, 2]² and at N(0, 1)'s quantiles 0.05 … 0.95, and at the
// end the script says from which scored step on each grid held all ten digits at every scoring (the
// steps-to-target rule of docs/GENERATION.md), with the load average at the scorings. --kl-weight sets the
// VAE's KL weight (its Reparameterize layer's kl_weight) for a variant of the preset. The conditional DCGAN (cgan) trains on the session's noise with drawn
// digits; its 1,000 samples ask for each digit 100 times, and it also prints the share the judge calls
// the digit asked for. With --save it writes the trained weights as
// safetensors (the autoencoder's, or the generator's and OUT.discriminator.safetensors beside it): at the
// end, or at every scored step when OUT holds '{step}' (replaced by the step number).
//   node --import ./scripts/engine-node.mjs scripts/generative/engine-measure.ts ae|gan|cgan \
//     [--steps N] [--every K] [--seed S] [--lr LR] [--kl-weight W] [--preset ID] [--threads T]
//     [--batch B (64)] [--save OUT.safetensors]
import { readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createNodeWasmOps } from '../../src/engine/wasm/testing/node';
import { wireSpec } from '../../src/network/analyze';
import { exportWeights } from '../../src/network/export/weights-file';
import { getPreset, presetSpec, type PresetId } from '../../src/network/presets';
import type { NetworkSpec } from '../../src/network/spec';
import { CpuBackend } from '../../src/training/cpu-backend';
import { buildAutoencoder, buildGan } from '../../src/training/generative/build';
import { gaussianNoise } from '../../src/training/generative/common';
import { conditionalNoise, withDigits } from '../../src/training/generative/conditional';
import {
  autoencoderDigitScore,
  ganDigitScore,
  latentGridDigitScore,
} from '../../src/training/generative/digit-score';
import { JUDGE_PATH, loadJudge } from '../../src/training/generative/judge';
import { evenAxis, gaussianAxis } from '../../src/training/generative/latent-axis';
import { loadMnist } from '../../src/training/generative/testing/mnist';
import { snapshotFromState } from '../../src/training/load-weights';
import { deriveSeed, Prng } from '../../src/training/prng';
import { EpochSchedule } from '../../src/training/schedule';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    steps: { type: 'string', default: '1000' },
    every: { type: 'string', default: '100' },
    seed: { type: 'string', default: '42' },
    lr: { type: 'string' },
    'kl-weight': { type: 'string' },
    preset: { type: 'string' },
    threads: { type: 'string', default: '1' },
    save: { type: 'string' },
    batch: { type: 'string', default: '64' },
  },
});
const mode = positionals[0];
if (mode !== 'ae' && mode !== 'gan' && mode !== 'cgan')
  throw new Error('usage: engine-measure.ts ae|gan|cgan [options]');
const steps = Number(values.steps);
const every = Number(values.every);
const seed = Number(values.seed);
const SAMPLES = 1000;
/** The session's noise stream (session.ts NOISE_STREAM). */
const NOISE_STREAM = 2000;

const data = await loadMnist();
const judge = loadJudge(new Uint8Array(await readFile(`public/${JUDGE_PATH}`)));
const backend = new CpuBackend();
const ops = () => createNodeWasmOps(Number(values.threads));
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

const batch = Number(values.batch);
const hyperOf = (id: PresetId) => {
  const hyper = { ...getPreset(id)!.hyper, seed, batchSize: batch };
  return values.lr ? { ...hyper, lr: Number(values.lr) } : hyper;
};
const schedule = new EpochSchedule(seed, batch);
let spent = 0;
/** The --save path at `step`, if this is a step to save at: every scored step with '{step}', else the end. */
const saveAt = (step: number) => {
  const out = values.save;
  if (!out) return null;
  if (out.includes('{step}')) return step % every === 0 ? out.replaceAll('{step}', String(step)) : null;
  return step === steps ? out : null;
};

/** The latent grids a 2-D code is judged on, and per grid the scored step from which it has held all ten
 *  digits at every scoring (null while it does not). */
const GRIDS = [
  {
    name: 'even grid 10×10 over [−2, 2]²',
    axis: evenAxis(10, 2),
    first: null as number | null,
    from: null as number | null,
  },
  {
    name: 'Gaussian grid 10×10 at N(0, 1) quantiles 0.05 … 0.95',
    axis: gaussianAxis(10),
    first: null as number | null,
    from: null as number | null,
  },
];
const loads: number[] = [];

/** The spec with --kl-weight, if given, as every Reparameterize layer's KL weight. */
const withKlWeight = (spec: NetworkSpec): NetworkSpec => {
  const w = values['kl-weight'];
  if (w === undefined) return spec;
  return {
    ...spec,
    layers: spec.layers.map((layer) =>
      layer.kind === 'Reparameterize' ? { ...layer, kl_weight: Number(w) } : layer,
    ),
  };
};

if (mode === 'ae') {
  const id = (values.preset ?? 'autoencoder') as PresetId;
  const spec = withKlWeight(presetSpec(id));
  const bottleneck = getPreset(id)!.bottleneckLayerId ?? 'bottleneck';
  const ae = await buildAutoencoder(backend, () => data, spec, hyperOf(id), bottleneck, ops);
  for (let step = 0; step < steps; step++) {
    const start = schedule.next(data.train.available)!;
    const t0 = cpuSeconds();
    if (schedule.orderChanged) {
      ae.engine.setOrder(schedule.order);
      schedule.orderChanged = false;
    }
    ae.engine.step(start, step);
    spent += cpuSeconds() - t0;
    if ((step + 1) % every === 0) {
      const sums = await ae.engine.takeSums();
      const score = (await autoencoderDigitScore(ae, judge, data, SAMPLES))!;
      loads.push(loadavg()[0]);
      // A 2-D code is also judged on its latent map: the decoded grids.
      let shown = '';
      for (const g of ae.latentDim === 2 ? GRIDS : []) {
        const grid = await latentGridDigitScore(ae, judge, g.axis);
        const digits = grid.histogram.filter((n) => n > 0).length;
        if (digits === 10) {
          g.first ??= step + 1;
          g.from ??= step + 1;
        } else g.from = null;
        shown +=
          `; ${g.name}: ${digits} digits, histogram [${grid.histogram.join(', ')}], ` +
          `confidence ${grid.confidence.toFixed(3)}`;
      }
      console.log(
        `step ${step + 1}: loss ${(sums.loss / sums.samples).toFixed(4)}, judge recognises ` +
          `${(100 * score.recognised!).toFixed(1)}% of reconstructions${shown}, ${spent.toFixed(1)} CPU-s`,
      );
    }
    const out = saveAt(step + 1);
    if (out) {
      const snapshot = snapshotFromState(ae.desc, await ae.engine.readState());
      await writeFile(out, exportWeights(wireSpec(spec), snapshot));
    }
  }
  ae.engine.destroy();
  if (ae.latentDim === 2) {
    for (const g of GRIDS) {
      console.log(
        `${g.name}: all ten digits first at step ${g.first ?? '—'}, ` +
          (g.from === null
            ? `not at the last scoring (step ${steps})`
            : `at every scoring from step ${g.from} to ${steps}`),
      );
    }
    const mean = loads.reduce((a, b) => a + b, 0) / loads.length;
    console.log(
      `load average (1 min) at the scorings: mean ${mean.toFixed(1)}, ` +
        `from ${Math.min(...loads).toFixed(1)} to ${Math.max(...loads).toFixed(1)}`,
    );
  }
} else {
  const pair = mode === 'cgan' ? 'cgan-generator,cgan-discriminator' : 'dcgan-generator,dcgan-discriminator';
  const [gId, dId] = (values.preset ?? pair).split(',') as PresetId[];
  const [gSpec, dSpec] = [presetSpec(gId), presetSpec(dId)];
  const gan = await buildGan(backend, () => data, gSpec, dSpec, hyperOf(gId), ops);
  const noise = new Prng(deriveSeed(seed, NOISE_STREAM));
  const noiseDim = gan.latentDim - gan.classes;
  const asked = gan.classes > 0 ? Array.from({ length: SAMPLES }, (_, i) => i % gan.classes) : undefined;
  const drawn = gaussianNoise(new Prng(12345), SAMPLES * noiseDim);
  const fixed = asked ? withDigits(drawn, noiseDim, asked) : drawn;
  for (let step = 0; step < steps; step++) {
    const start = schedule.next(data.train.available)!;
    // The session's noise: a conditional GAN's with a drawn digit after each row.
    const z =
      gan.classes > 0
        ? conditionalNoise(noise, gan.engine.batch, noiseDim)
        : gaussianNoise(noise, gan.engine.batch * gan.latentDim);
    const t0 = cpuSeconds();
    if (schedule.orderChanged) {
      gan.engine.setOrder(schedule.order);
      schedule.orderChanged = false;
    }
    gan.engine.step(start, step, z);
    spent += cpuSeconds() - t0;
    if ((step + 1) % every === 0) {
      const sums = await gan.engine.takeSums();
      const s = await ganDigitScore(gan, judge, fixed, asked);
      const requested =
        s.recognised === undefined ? '' : `, requested digit ${(100 * s.recognised).toFixed(1)}%`;
      console.log(
        `step ${step + 1}: D ${((sums.real + sums.fake) / sums.samples).toFixed(3)}, ` +
          `G ${(sums.gen / sums.samples).toFixed(3)}, inception score ${s.inceptionScore.toFixed(2)}, ` +
          `confidence ${s.confidence.toFixed(3)}${requested}, histogram [${s.histogram.join(', ')}], ${spent.toFixed(1)} CPU-s`,
      );
    }
    const out = saveAt(step + 1);
    if (out) {
      const state = await gan.engine.readState();
      await writeFile(out, exportWeights(wireSpec(gSpec), snapshotFromState(gan.generator, state.generator)));
      const dOut = out.replace(/\.safetensors$/, '') + '.discriminator.safetensors';
      await writeFile(
        dOut,
        exportWeights(wireSpec(dSpec), snapshotFromState(gan.discriminator, state.discriminator)),
      );
    }
  }
  gan.engine.destroy();
}
process.exit(0);
