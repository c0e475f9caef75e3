// How the trainer behaves on WebGPU (SwiftShader) with real MNIST: step, pause/resume, a learning-rate
// change mid-run, seeded repeatability, divergence and device loss. The small MLP preset keeps it quick.
import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER, type Hyperparams } from '../network/hyper';
import { presetSpec, type PresetId } from '../network/presets';
import { createHarness, type Harness } from './testing/harness';
import type { TrainerCoreOptions } from './core';

const SGD: Hyperparams = {
  ...DEFAULT_HYPER,
  optimizer: 'sgd',
  momentum: 0,
  lr: 0.05,
  batchSize: 32,
  seed: 11,
};

/** No WebGPU error (validation, out of memory) may have reached the trainer. */
function expectNoErrors(h: Harness) {
  expect(h.of('error')).toEqual([]);
}

async function setup(hyper: Hyperparams, options: TrainerCoreOptions = {}, preset: PresetId = 'mlp') {
  const h = createHarness({ reportEvery: 1, ...options });
  await h.send({ type: 'init' });
  expect((await h.waitFor('ready')).backend).toBe('webgpu');
  await h.send({ type: 'setHyper', hyper });
  await h.send({ type: 'setSpec', spec: presetSpec(preset) });
  await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
  await h.waitFor('datasetReady');
  return h;
}

let nextId = 1;
async function weights(h: Harness): Promise<Float32Array[]> {
  const id = nextId++;
  await h.send({ type: 'snapshot', id, what: 'weights' });
  const snap = await h.waitFor('snapshot', (e) => e.id === id);
  return snap.layers.flatMap((l) => l.tensors.map((t) => t.data));
}

async function steps(h: Harness, n: number): Promise<number[]> {
  const losses: number[] = [];
  for (let i = 0; i < n; i++) {
    const from = h.events.length;
    await h.send({ type: 'step' });
    losses.push((await h.waitFor('metrics', () => true, { from })).trainLoss);
  }
  return losses;
}

describe('trainer behaviour on WebGPU', () => {
  it('step takes exactly one batch and stays paused; start/pause/resume continue the same run', async () => {
    const h = await setup(SGD, { reportEvery: 2 });
    await h.send({ type: 'step' });
    const one = h.of('metrics');
    expect(one.map((m) => m.step)).toEqual([1]);
    expect(h.of('state').at(-1)!.state).toBe('paused');

    await h.send({ type: 'start' });
    await h.waitFor('metrics', (m) => m.step >= 5);
    await h.send({ type: 'pause' });
    expect(h.of('state').at(-1)!.state).toBe('paused');
    const pausedAt = h.of('metrics').at(-1)!.step;
    await new Promise((r) => setTimeout(r, 300));
    expect(h.of('metrics').at(-1)!.step).toBe(pausedAt);

    await h.send({ type: 'start' });
    const resumed = await h.waitFor('metrics', (m) => m.step > pausedAt);
    await h.send({ type: 'pause' });
    // The run goes on from where it paused: its next report is the next multiple of reportEvery (a pause
    // between reports reports its own step, so pausedAt may be odd).
    expect(resumed.step).toBe(Math.floor(pausedAt / 2) * 2 + 2);
    expect(resumed.epochProgress).toBeGreaterThan(0);
    expect(resumed.imagesPerSecond).toBeGreaterThan(0);
    expectNoErrors(h);
    await h.send({ type: 'dispose' });
  });

  it('applies a learning-rate change mid-run without a restart (SGD update scales with lr)', async () => {
    // Two identical runs share 2 steps; the third step uses lr 0.05 in one and 0.2 in the other.
    const a = await setup(SGD);
    const b = await setup(SGD);
    await steps(a, 2);
    await steps(b, 2);
    const before = await weights(a);
    expect((await weights(b)).map((w) => Array.from(w))).toEqual(before.map((w) => Array.from(w)));
    await b.send({ type: 'setHyper', hyper: { ...SGD, lr: 0.2 } });
    await steps(a, 1);
    await steps(b, 1);
    expect(b.of('metrics').at(-1)!.step).toBe(3);
    const [wa, wb] = [await weights(a), await weights(b)];
    let ratioSum = 0;
    let n = 0;
    before.forEach((w0, t) =>
      w0.forEach((v, i) => {
        const da = wa[t][i] - v;
        if (Math.abs(da) > 1e-4) {
          ratioSum += (wb[t][i] - v) / da;
          n++;
        }
      }),
    );
    expect(n).toBeGreaterThan(100);
    expect(ratioSum / n).toBeCloseTo(4, 2);
    expectNoErrors(a);
    expectNoErrors(b);
    await a.send({ type: 'dispose' });
    await b.send({ type: 'dispose' });
  });

  it('repeats a seeded run exactly, and another seed differs', async () => {
    const hyper = { ...DEFAULT_HYPER, batchSize: 32, seed: 5 };
    const runs = [];
    for (const seed of [5, 5, 6]) {
      const h = await setup({ ...hyper, seed });
      runs.push(await steps(h, 6));
      expectNoErrors(h);
      await h.send({ type: 'dispose' });
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).not.toEqual(runs[0]);
    expect(runs[0].every(Number.isFinite)).toBe(true);
  });

  it('pauses on divergence with a specific message, keeps finite weights, and reset recovers', async () => {
    const h = await setup({ ...SGD, lr: 100, momentum: 0.9 }, { reportEvery: 2 });
    await h.send({ type: 'start' });
    const diverged = await h.waitFor('diverged', () => true, { timeoutMs: 90_000 });
    expect(diverged.message).toMatch(
      // NaN, or (often first at this rate) a loss that stayed far above its start.
      /^The loss (became (NaN|infinite) at|rose to \S+ by) step \d+[^:]*: the learning rate 100 is too high\. Lower it \(try 0\.01\) and press Reset\.$/,
    );
    await h.waitFor('state', (s) => s.state === 'diverged');
    for (const w of await weights(h)) expect(w.every(Number.isFinite)).toBe(true);
    await h.send({ type: 'setHyper', hyper: { ...SGD, lr: 0.01 } });
    await h.send({ type: 'reset' });
    expect(h.of('state').at(-1)!.state).toBe('idle');
    const [loss] = await steps(h, 1);
    expect(Number.isFinite(loss)).toBe(true);
    expect(h.of('metrics').at(-1)!.step).toBe(1);
    expectNoErrors(h);
    await h.send({ type: 'dispose' });
  });

  it('survives device loss: reports it, rebuilds on a new device from the last weights and trains on', async () => {
    const h = await setup(SGD, { reportEvery: 2, snapshotEveryMs: 0 });
    await h.send({ type: 'start' });
    // Wait until a host copy of good weights from a later step than 0 exists to rebuild from.
    await h.waitFor('metrics', (m) => m.step >= 6 && (h.core.current.lastGood?.step ?? 0) >= 2);
    const from = h.events.length;
    await h.send({ type: 'destroyDeviceForTest' });
    const snapshotStep = h.core.current.lastGood!.step;
    const lost = await h.waitFor('deviceLost', () => true, { from });
    expect(lost.recovering).toBe(true);
    const ready = await h.waitFor('ready', () => true, { from });
    expect(ready.backend).toBe('webgpu');
    const after = await h.waitFor('metrics', () => true, { from: h.events.indexOf(ready) });
    await h.send({ type: 'pause' });
    // Training went on from the last snapshot, not from step 0, with the same design.
    expect(snapshotStep).toBeGreaterThanOrEqual(2);
    expect(after.step).toBeGreaterThan(snapshotStep);
    expect(Number.isFinite(after.trainLoss)).toBe(true);
    expect(h.core.current.spec?.name).toBe('MLP');
    expectNoErrors(h);
    await h.send({ type: 'dispose' });
  });
});
