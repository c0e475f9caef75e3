// The autotuner on real kernels (SwiftShader): LeNet-5's tunable sites, every candidate the tuner can
// choose checked against the CPU reference, the budget counted in timed runs, and the store round trip.
import { describe, expect, it } from 'vitest';
import { BufferArena, readFloat32 } from '../gpu/buffers';
import { expectClose } from '../gpu/testing/close';
import { getTestGpu, gpuCheck } from '../gpu/testing/test-device';
import { encodeAll, type EngineContext } from '../engine/op';
import { RecordingChooser } from '../engine/tuning/choosers';
import { adapterKey, memoryTuningStore } from '../engine/tuning/store';
import { tuneSites } from '../engine/tuning/tuner';
import { GpuModel } from '../model/gpu-model';
import { designSites } from '../model/tunable-sites';
import { DEFAULT_HYPER } from '../network/hyper';
import { presetSpec } from '../network/presets';
import { deviceAdapterKey, tuneDesign } from './kernel-tuning';
import { createHarness } from './testing/harness';
import { describeSpec } from './model-spec';
import { NORMALISATION } from './normalisation';
import { optimizerSettings } from './optimizer-settings';

const BATCH = 5;
const hyper = { ...DEFAULT_HYPER, batchSize: BATCH };
const desc = describeSpec(presetSpec('lenet-5'), BATCH);
// The budget and store tests tune the MLP: its sites are matmuls only, so few pipelines compile.
const mlp = describeSpec(presetSpec('mlp'), BATCH);
const modelOptions = {
  batch: BATCH,
  seed: 1,
  normalisation: NORMALISATION,
  optimizer: optimizerSettings(hyper),
};

describe('kernel autotuning', () => {
  it('every candidate of every conv and Linear site agrees with the CPU reference (atol 1e-4, rtol 1e-4)', () =>
    gpuCheck(async (device) => {
      const sites = designSites(device, desc, modelOptions);
      const ops = new Set(sites.map((s) => s.key.split(' ')[0]));
      expect([...ops].sort()).toEqual([
        'conv2d.correlate',
        'conv2d.correlate_pool',
        'conv2d.correlate_transposed',
        'conv2d.weight_grad',
        'matmul',
      ]);
      for (const site of sites) {
        expect(site.candidates).toContain(site.handPicked);
        const problem = site.problem();
        const expected = problem.reference();
        for (const variant of site.candidates) {
          const ctx: EngineContext = { device, arena: new BufferArena(device, 'tune-test') };
          try {
            const { op, output } = problem.plan(ctx, variant);
            const encoder = device.createCommandEncoder();
            const pass = encoder.beginComputePass();
            encodeAll(pass, [op]);
            pass.end();
            device.queue.submit([encoder.finish()]);
            const got = await readFloat32(device, output.buffer, expected.length, output.offset);
            try {
              expectClose(got, expected, { atol: 1e-4, rtol: 1e-4 });
            } catch (e) {
              throw new Error(`${site.key}, variant ${variant}: ${(e as Error).message}`, { cause: e });
            }
          } finally {
            ctx.arena.destroy();
          }
        }
      }
    }));

  it('stays within its budget of timed runs and leaves the sites it cannot finish untuned', () =>
    gpuCheck(async (device) => {
      const sites = designSites(device, mlp, modelOptions);
      const rounds = 2;
      // A site costs its warm-ups and rounds, plus a confirming head-to-head when the rule loses.
      const cost = (i: number) => sites[i].candidates.length * (1 + rounds) + 2 * rounds;
      // Room for the first site at its dearest, never for the second as well.
      const budget = { maxRuns: cost(0), maxMs: 1e9 };
      const result = await tuneSites(device, sites, { budget, rounds });
      expect(result.runs).toBeGreaterThanOrEqual(sites[0].candidates.length * (1 + rounds));
      expect(result.runs).toBeLessThanOrEqual(cost(0));
      expect([...result.choices.keys()]).toEqual([sites[0].key]);
      expect(sites[0].candidates).toContain(result.choices.get(sites[0].key));
      expect(result.untuned).toEqual(sites.slice(1).map((s) => s.key));
    }));

  it('stores its choices, answers from the store next time, and the model plans what was chosen', () =>
    gpuCheck(async (device) => {
      const { info } = await getTestGpu();
      const store = memoryTuningStore();
      const budget = { maxRuns: 10_000, maxMs: 1e9 };
      const first = await tuneDesign(device, adapterKey(info), mlp, hyper, store, { budget, rounds: 1 });
      expect(first.tuned.untuned).toEqual([]);
      expect(first.tuned.runs).toBeGreaterThan(0);
      expect(first.fromStore).toBe(0);
      expect(Object.keys(await store.load(adapterKey(info))).sort()).toEqual(
        [...first.choices.keys()].sort(),
      );
      const second = await tuneDesign(device, adapterKey(info), mlp, hyper, store, { budget, rounds: 1 });
      expect(second.tuned.runs).toBe(0);
      expect(second.fromStore).toBe(first.sites);
      expect(second.choices).toEqual(first.choices);
      // A model built with the tuned chooser asks it at the same sites and gets those choices.
      const asked = new RecordingChooser();
      const chooser = {
        choose: (s: Parameters<RecordingChooser['choose']>[0]) => (asked.choose(s), second.chooser.choose(s)),
      };
      new GpuModel(device, mlp, { ...modelOptions, variants: chooser }).destroy();
      expect([...asked.sites.keys()].filter((k) => asked.sites.get(k)!.candidates.length > 1).sort()).toEqual(
        [...first.choices.keys()].sort(),
      );
    }));

  it('the trainer tunes a design while idle, reports it, keeps the choices and rebuilds on them', async () => {
    const store = memoryTuningStore();
    const h = createHarness({ tuning: { store, budget: { maxRuns: 10_000, maxMs: 1e9 } } });
    await h.send({ type: 'init' });
    await h.waitFor('ready');
    await h.send({ type: 'setHyper', hyper });
    await h.send({ type: 'setSpec', spec: presetSpec('mlp') });
    const done = await h.waitFor('tuning', (e) => e.finished, { timeoutMs: 120_000 });
    expect(done.total).toBeGreaterThan(0);
    expect(done.done).toBe(done.total);
    const { device } = await getTestGpu();
    expect(Object.keys(await store.load(deviceAdapterKey(device)))).toHaveLength(done.total);
    // The model was rebuilt with the choices if any differ from the rules: a second modelReady.
    expect(h.of('modelReady').length).toBe(done.changed > 0 ? 2 : 1);
    expect(h.of('error')).toEqual([]);
    await h.send({ type: 'dispose' });
  });
});
