// Issue 10, device loss, for the generative modes: the device under an autoencoder or a GAN is destroyed
// from outside (only its `lost` promise tells). The trainer says so, rebuilds the run on a new device from
// its last good weights (the design untouched), rewinds its step to them, and goes on as it was.
import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { DCGAN_HYPER, DEFAULT_HYPER } from '../../network/hyper';
import type { GpuBackend } from '../gpu-backend';
import { stateFromSnapshot } from '../load-weights';
import type { EventOf } from '../protocol';
import { createHarness, type Harness } from '../testing/harness';
import { narrowPreset } from './narrow-presets';
import type { GenerativeEvent } from './types';

type Kind = GenerativeEvent['kind'];
type Of<K extends Kind> = Extract<GenerativeEvent, { kind: K }>;

async function setup(gpu?: GPU) {
  const h = createHarness({ snapshotEveryMs: 0, ...(gpu ? { gpu } : {}) });
  await h.send({ type: 'init' });
  expect((await h.waitFor('ready')).backend).toBe('webgpu');
  await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
  await h.waitFor('datasetReady');
  const next = <K extends Kind>(kind: K, test: (e: Of<K>) => boolean = () => true, from = 0) =>
    h
      .waitFor('generative', (e: EventOf<'generative'>) => e.event.kind === kind && test(e.event as Of<K>), {
        from,
        timeoutMs: 100_000,
      })
      .then((e) => e.event as Of<K>);
  return { h, next };
}

/** Waits for the host copy of good weights taken at `step` (copies are read back asynchronously). */
async function goodAt(h: Harness, step: number) {
  for (let i = 0; i < 300 && h.core.generative.lastGood?.step !== step; i++)
    await new Promise((r) => setTimeout(r, 10));
  expect(h.core.generative.lastGood?.step).toBe(step);
  return h.core.generative.lastGood!;
}

function loseDevice(h: Harness): GPUDevice {
  const device = (h.core.current.backend as GpuBackend).device;
  device.destroy();
  return device;
}

const failures = (h: Harness) => h.of('generative').filter((e) => e.event.kind === 'failed');

describe('generative runs after a lost device (WebGPU, real MNIST)', () => {
  it('autoencoder lost while paused: rebuilt from its good weights exactly, stays paused, trains on', async () => {
    const { h, next } = await setup();
    const { spec, desc } = narrowPreset('autoencoder', 4);
    const hyper = { ...DEFAULT_HYPER, batchSize: 16, loss: 'bce' as const };
    const request = { kind: 'setAutoencoder' as const, spec, hyper, bottleneckLayerId: 'bottleneck' };
    await h.send({ type: 'generative', request });
    await next('latent');
    await h.send({ type: 'generative', request: { kind: 'start' } });
    await next('metrics', (m) => m.step >= 10);
    await h.send({ type: 'generative', request: { kind: 'pause' } });
    const reports = h.of('generative').filter((e) => e.event.kind === 'metrics');
    const good = await goodAt(h, (reports.at(-1)!.event as Of<'metrics'>).step);

    const from = h.events.length;
    const old = loseDevice(h);
    expect((await h.waitFor('deviceLost', () => true, { from })).recovering).toBe(true);
    const rebuilt = await next('state', (s) => /device was lost/.test(s.reason ?? ''), from);
    expect(rebuilt.state).toBe('paused');
    expect(rebuilt.reason).toBe(
      `the GPU device was lost: the autoencoder was rebuilt from its weights at step ${good.step}`,
    );
    expect((h.core.current.backend as GpuBackend).device).not.toBe(old);
    expect(h.core.generative.step).toBe(good.step);
    expect(h.core.generative.state).toBe('paused');

    await h.send({ type: 'generative', request: { kind: 'readWeights', id: 1 } });
    const weights = await next('weights', (w) => w.id === 1, from);
    expect(weights.mode).toBe('autoencoder');
    const restored = stateFromSnapshot(desc, weights.layers);
    // Bit for bit, reported by the worst index (a diff of every float would take minutes).
    expectClose(restored.params, (good.state as typeof restored).params, { atol: 0, rtol: 0 });

    const resumed = h.events.length;
    await h.send({ type: 'generative', request: { kind: 'start' } });
    const after = await next('metrics', () => true, resumed);
    await h.send({ type: 'generative', request: { kind: 'pause' } });
    // The step count went on from the good weights' step, a multiple of the report interval.
    expect(after.step).toBe(good.step + 5);
    expect(Number.isFinite(after.loss)).toBe(true);
    expect(failures(h)).toEqual([]);
    expect(h.of('error')).toEqual([]);
    await h.send({ type: 'dispose' });
  });

  it('GAN lost while training: a notice, a new device, training goes on from the good weights', async () => {
    const { h, next } = await setup();
    const generator = narrowPreset('dcgan-generator', 8).spec;
    const discriminator = narrowPreset('dcgan-discriminator', 8).spec;
    const hyper = { ...DCGAN_HYPER, batchSize: 8, lr: 2e-3 };
    await h.send({ type: 'generative', request: { kind: 'setGan', generator, discriminator, hyper } });
    await next('samples');
    await h.send({ type: 'generative', request: { kind: 'start' } });
    await next('metrics', (m) => m.step >= 10);
    for (let i = 0; i < 300 && (h.core.generative.lastGood?.step ?? 0) < 10; i++)
      await new Promise((r) => setTimeout(r, 10));
    const good = h.core.generative.lastGood!;
    expect(good.step).toBeGreaterThanOrEqual(10);

    const from = h.events.length;
    loseDevice(h);
    await h.waitFor('deviceLost', () => true, { from });
    expect((await h.waitFor('ready', () => true, { from })).backend).toBe('webgpu');
    const rebuilt = await next('state', (s) => /device was lost/.test(s.reason ?? ''), from);
    expect(rebuilt.reason).toMatch(/the GAN was rebuilt from its weights at step \d+$/);
    const at = h.events.findIndex((e) => e.type === 'generative' && e.event === rebuilt);
    const step = Number(/step (\d+)$/.exec(rebuilt.reason!)![1]);
    expect(step).toBeGreaterThanOrEqual(good.step);
    await next('state', (s) => s.state === 'training', at);
    const after = await next('metrics', () => true, at);
    await h.send({ type: 'generative', request: { kind: 'pause' } });
    expect(after.step).toBe(step + 5);
    expect(Number.isFinite(after.dLoss!)).toBe(true);
    expect(Number.isFinite(after.gLoss!)).toBe(true);
    expect(failures(h)).toEqual([]);
    expect(h.of('error')).toEqual([]);
    await h.send({ type: 'dispose' });
  });

  it('autoencoder lost while training with no device to be had: rebuilt on the CPU, training goes on', async () => {
    // The browser's WebGPU, which gives no adapter once the first device is gone.
    let adapters = 0;
    const real = navigator.gpu;
    const gpu = {
      requestAdapter: async (o?: GPURequestAdapterOptions) =>
        adapters++ === 0 ? real.requestAdapter(o) : null,
      getPreferredCanvasFormat: () => real.getPreferredCanvasFormat(),
      wgslLanguageFeatures: real.wgslLanguageFeatures,
    } as GPU;
    const { h, next } = await setup(gpu);
    const { spec } = narrowPreset('autoencoder', 4);
    const hyper = { ...DEFAULT_HYPER, batchSize: 8, loss: 'mse' as const };
    await h.send({
      type: 'generative',
      request: { kind: 'setAutoencoder', spec, hyper, bottleneckLayerId: 'bottleneck' },
    });
    await h.send({ type: 'generative', request: { kind: 'start' } });
    await next('metrics', (m) => m.step >= 10);
    const from = h.events.length;
    loseDevice(h);
    const ready = await h.waitFor('ready', () => true, { from });
    expect(ready.backend).toBe('cpu');
    expect(ready.fallbackReason).toMatch(/no new GPU device after a loss/);
    const rebuilt = await next('state', (s) => /device was lost/.test(s.reason ?? ''), from);
    const step = Number(/step (\d+)$/.exec(rebuilt.reason!)![1]);
    expect(step).toBeGreaterThanOrEqual(5);
    const at = h.events.findIndex((e) => e.type === 'generative' && e.event === rebuilt);
    const after = await next('metrics', () => true, at);
    await h.send({ type: 'generative', request: { kind: 'pause' } });
    expect(after.step).toBe(step + 5);
    expect(Number.isFinite(after.loss)).toBe(true);
    expect(failures(h)).toEqual([]);
    expect(h.of('error')).toEqual([]);
    await h.send({ type: 'dispose' });
  });
});
