// Issue 10, device loss: a device taken away from outside the trainer (as a GPU reset or driver update
// does: only its `lost` promise tells) is handled exactly like the test hook: a notice, a rebuild on a new
// device from the last good weights, the design untouched; with no device to be had, the CPU takes over.
// The run goes on with the batch after the good weights' step. A pause keeps the paused weights, checked
// finite, as that copy: a loss while paused changes neither the weights nor the step count, and the steps
// after the rebuild give exactly what a device never lost gives (plain SGD, no optimizer state).
import { describe, expect, it } from 'vitest';
import { expectClose } from '../gpu/testing/close';
import { DEFAULT_HYPER, type Hyperparams } from '../network/hyper';
import { presetSpec } from '../network/presets';
import { serializeSpec } from '../network/serialize';
import type { GpuBackend } from './gpu-backend';
import { createHarness, type Harness } from './testing/harness';
import type { TrainerCoreOptions } from './core';

const SGD: Hyperparams = {
  ...DEFAULT_HYPER,
  optimizer: 'sgd',
  lr: 0.05,
  momentum: 0,
  batchSize: 32,
  seed: 4,
};
const spec = presetSpec('mlp');
/** Bit-for-bit equality, reported by the worst index (a diff of 100,000 floats would take minutes). */
const EXACT = { atol: 0, rtol: 0 };

async function setup(options: TrainerCoreOptions = {}): Promise<Harness> {
  const h = createHarness({ reportEvery: 1, snapshotEveryMs: 0, ...options });
  await h.send({ type: 'init' });
  expect((await h.waitFor('ready')).backend).toBe('webgpu');
  await h.send({ type: 'setHyper', hyper: SGD });
  await h.send({ type: 'setSpec', spec });
  await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
  await h.waitFor('datasetReady');
  return h;
}

/** The device under the trainer, destroyed directly: no request, no hook, only `device.lost` resolves. */
function loseDevice(h: Harness): GPUDevice {
  const device = (h.core.backend as GpuBackend).device;
  device.destroy();
  return device;
}

async function stepsTo(h: Harness, step: number): Promise<void> {
  while ((h.of('metrics').at(-1)?.step ?? 0) < step) await h.send({ type: 'step' });
}

describe('device loss on WebGPU', () => {
  it('a loss while training: notice, a new device, training goes on with the same design', async () => {
    const h = await setup({ reportEvery: 2 });
    await h.send({ type: 'start' });
    await h.waitFor('metrics', (m) => m.step >= 6);
    // The host copy of good weights arrives asynchronously; lose the device only once one past step 0
    // exists, so "training goes on" is told apart from "started over".
    for (let i = 0; i < 500 && (h.core.lastGood?.step ?? 0) < 2; i++)
      await new Promise((r) => setTimeout(r, 10));
    const resumeFrom = h.core.lastGood?.step ?? 0;
    expect(resumeFrom).toBeGreaterThanOrEqual(2);
    const from = h.events.length;
    const old = loseDevice(h);
    const lost = await h.waitFor('deviceLost', () => true, { from });
    expect(lost.recovering).toBe(true);
    expect(lost.reason.length).toBeGreaterThan(0);
    const ready = await h.waitFor('ready', () => true, { from });
    expect(ready.backend).toBe('webgpu');
    expect((h.core.backend as GpuBackend).device).not.toBe(old);
    const after = await h.waitFor('metrics', () => true, { from: h.events.indexOf(ready) });
    await h.send({ type: 'pause' });
    expect(after.step).toBeGreaterThan(resumeFrom);
    expect(Number.isFinite(after.trainLoss)).toBe(true);
    expect(serializeSpec(h.core.spec!)).toBe(serializeSpec(spec));
    expect(h.of('error')).toEqual([]);
    await h.send({ type: 'dispose' });
  });

  it('a loss while paused keeps the paused weights and step exactly, stays paused, and survives a second loss', async () => {
    const h = await setup();
    // The same run on a device never lost: its weights are what the steps after each rebuild must give.
    const reference = await setup();
    await stepsTo(h, 5);
    await stepsTo(reference, 5);
    for (let round = 1; round <= 2; round++) {
      const paused = h.core.step;
      const atPause = await h.core.backend!.readState();
      const from = h.events.length;
      loseDevice(h);
      await h.waitFor('deviceLost', () => true, { from });
      await h.waitFor('modelReady', () => true, { from });
      await h.waitFor('ready', () => true, { from });
      expect(h.core.state).toBe('paused');
      expect(h.core.step).toBe(paused);
      expectClose((await h.core.backend!.readState()).params, atPause.params, EXACT);
      await h.send({ type: 'step' });
      await reference.send({ type: 'step' });
      const next = h.of('metrics').at(-1)!;
      expect(next.step).toBe(paused + 1);
      expect(Number.isFinite(next.trainLoss)).toBe(true);
      // The next batch (order uploaded to the new device, schedule where it was), so the same weights.
      expectClose(
        (await h.core.backend!.readState()).params,
        (await reference.core.backend!.readState()).params,
        EXACT,
      );
    }
    expect(h.of('deviceLost')).toHaveLength(2);
    expect(serializeSpec(h.core.spec!)).toBe(serializeSpec(spec));
    expect(h.of('error')).toEqual([]);
    for (const t of [h, reference]) await t.send({ type: 'dispose' });
  });

  it('a pause between reports tells the page its step, and a loss then neither rewinds nor stalls the count', async () => {
    // Reports every 20 steps and host copies at most once a minute, as far apart as they get in the app.
    const h = await setup({ reportEvery: 20, snapshotEveryMs: 60_000 });
    await h.send({ type: 'start' });
    await h.waitFor('metrics', (m) => m.step >= 20);
    await h.send({ type: 'pause' });
    if (h.core.step % 20 === 0) await h.send({ type: 'step' });
    const paused = h.core.step;
    expect(paused % 20).not.toBe(0);
    // The step the page shows is the step the model is at.
    expect(h.of('metrics').at(-1)!.step).toBe(paused);
    const atPause = await h.core.backend!.readState();
    const from = h.events.length;
    loseDevice(h);
    await h.waitFor('ready', () => true, { from });
    expect(h.core.step).toBe(paused);
    expectClose((await h.core.backend!.readState()).params, atPause.params, EXACT);
    await h.send({ type: 'step' });
    expect(h.of('metrics').at(-1)!.step).toBe(paused + 1);
    expect(h.of('error')).toEqual([]);
    await h.send({ type: 'dispose' });
  });

  it('falls back to the CPU, with the same weights, when no new device can be had', async () => {
    // The browser's WebGPU, which gives no adapter once the first device is gone (a GPU process that
    // stays down after a crash).
    let adapters = 0;
    const real = navigator.gpu;
    const gpu = {
      requestAdapter: async (o?: GPURequestAdapterOptions) =>
        adapters++ === 0 ? real.requestAdapter(o) : null,
      getPreferredCanvasFormat: () => real.getPreferredCanvasFormat(),
      wgslLanguageFeatures: real.wgslLanguageFeatures,
    } as GPU;
    const h = await setup({ gpu });
    const reference = await setup();
    await stepsTo(h, 3);
    await stepsTo(reference, 4);
    const atPause = await h.core.backend!.readState();
    const from = h.events.length;
    loseDevice(h);
    const ready = await h.waitFor('ready', () => true, { from });
    expect(ready.backend).toBe('cpu');
    expect(ready.fallbackReason).toMatch(/no new GPU device after a loss/);
    expect(Array.from((await h.core.backend!.readState()).params)).toEqual(Array.from(atPause.params));
    await h.send({ type: 'step' });
    expect(h.of('metrics').at(-1)!.step).toBe(4);
    expect(Number.isFinite(h.of('metrics').at(-1)!.trainLoss)).toBe(true);
    // The CPU took the batch the GPU would have: the two agree to float rounding.
    const gpuNext = await reference.core.backend!.readState();
    expectClose((await h.core.backend!.readState()).params, gpuNext.params, { atol: 2e-5, rtol: 1e-3 });
    await reference.send({ type: 'dispose' });
    expect(h.of('error')).toEqual([]);
    await h.send({ type: 'dispose' });
  });
});
