// The trainer's CPU backend on the WebAssembly SIMD ops (Node shares wasm memory between threads, as a
// cross-origin isolated page does): chosen automatically without WebGPU, training like the plain
// JavaScript ops step for step, moved between backends on request with the model intact, and replaced by
// plain JavaScript where WebAssembly SIMD is missing or the kernels cannot start.
import { describe, expect, it } from 'vitest';
import type { CpuEnvironment } from '../engine/wasm/choose';
import { expectSameBits } from '../engine/wasm/testing/bits';
import { loadNodeModule, spawnNodeHelper } from '../engine/wasm/testing/node';
import { expectClose } from '../gpu/testing/close';
import { DEFAULT_HYPER } from '../network/hyper';
import { presetSpec } from '../network/presets';
import { narrowPreset } from './generative/narrow-presets';
import type { GenerativeEvent } from './generative/types';
import type { BackendPreference, EventOf } from './protocol';
import { createHarness, type Harness } from './testing/harness';
import type { TrainerCoreOptions } from './core';

const nodeWasm = { loadModule: loadNodeModule, spawn: spawnNodeHelper };
const twoCores: CpuEnvironment = { wasmSimd: true, sharedMemory: true, cores: 2 };
const hyper = { ...DEFAULT_HYPER, optimizer: 'sgd' as const, lr: 0.05, batchSize: 32, seed: 11 };
const NO_WEBGPU = 'This browser has no WebGPU (navigator.gpu is missing).';

/** A trainer without WebGPU on `preference`, with LeNet-5 built and MNIST loaded. */
async function trainer(
  preference: BackendPreference,
  options: TrainerCoreOptions = {},
): Promise<{ h: Harness; ready: EventOf<'ready'> }> {
  const h = createHarness({ gpu: null, wasm: nodeWasm, cpuEnv: twoCores, reportEvery: 1, ...options });
  await h.send({ type: 'init', backend: preference });
  const ready = await h.waitFor('ready');
  await h.send({ type: 'setHyper', hyper });
  await h.send({ type: 'setSpec', spec: presetSpec('lenet-5') });
  await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
  await h.waitFor('datasetReady');
  return { h, ready };
}

const params = async (h: Harness) => (await h.core.backend!.readState()).params;

describe('the trainer on the WebAssembly SIMD ops', () => {
  it('is chosen without WebGPU, on two threads, and trains like the plain JavaScript ops step for step', async () => {
    const wasm = await trainer('auto');
    expect(wasm.ready).toMatchObject({
      backend: 'cpu',
      choice: {
        engine: 'wasm',
        threads: 2,
        preference: 'auto',
        reason: `WebAssembly, 2 threads: ${NO_WEBGPU}`,
      },
    });
    const js = await trainer('js');
    expect(js.ready.choice).toEqual({
      engine: 'js',
      threads: 1,
      preference: 'js',
      reason: 'plain JavaScript, as chosen',
    });
    expectSameBits(await params(wasm.h), await params(js.h), 'initial weights');
    for (let step = 1; step <= 8; step++) {
      await wasm.h.send({ type: 'step' });
      await js.h.send({ type: 'step' });
      // Float32 sums in another order: the two drift apart by rounding only.
      expectClose(await params(wasm.h), await params(js.h), { atol: 1e-4, rtol: 1e-3 });
      const [a, b] = [wasm.h.of('metrics').at(-1)!, js.h.of('metrics').at(-1)!];
      expect(a.step).toBe(step);
      expect(b.step).toBe(step);
      expectClose([a.trainLoss], [b.trainLoss], { atol: 1e-4, rtol: 1e-4 });
    }
    expect(wasm.h.of('metrics').at(-1)!.trainLoss).toBeLessThan(wasm.h.of('metrics')[0].trainLoss);
    expect([...wasm.h.of('error'), ...js.h.of('error')]).toEqual([]);
    await wasm.h.send({ type: 'dispose' });
    await js.h.send({ type: 'dispose' });
  }, 120_000);

  it('moves the model between backends on request: weights, step and sample order carry over', async () => {
    const { h } = await trainer('auto');
    for (let i = 0; i < 3; i++) await h.send({ type: 'step' });
    const before = await params(h);
    let from = h.events.length;
    await h.send({ type: 'setBackend', backend: 'js' });
    const js = await h.waitFor('ready', () => true, { from });
    expect(js.choice).toMatchObject({ engine: 'js', preference: 'js' });
    expectSameBits(await params(h), before, 'weights after the move to plain JavaScript');
    await h.send({ type: 'step' });
    expect(h.of('metrics').at(-1)!.step).toBe(4);
    const after = await params(h);
    from = h.events.length;
    await h.send({ type: 'setBackend', backend: 'auto' });
    expect((await h.waitFor('ready', () => true, { from })).choice?.engine).toBe('wasm');
    expectSameBits(await params(h), after, 'weights after the move back to WebAssembly');
    await h.send({ type: 'step' });
    expect(h.of('metrics').at(-1)!.step).toBe(5);
    expect(h.of('error')).toEqual([]);
    await h.send({ type: 'dispose' });
  }, 120_000);

  it('gives way to plain JavaScript where WebAssembly SIMD is missing or the kernels cannot start', async () => {
    const noSimd = createHarness({ gpu: null, wasm: nodeWasm, cpuEnv: { ...twoCores, wasmSimd: false } });
    await noSimd.send({ type: 'init', backend: 'auto' });
    expect((await noSimd.waitFor('ready')).choice).toMatchObject({
      engine: 'js',
      reason: `plain JavaScript (WebAssembly SIMD is not available in this browser): ${NO_WEBGPU}`,
    });
    // Bytes that are no WebAssembly module: compiling them fails as a refused compile would.
    const broken = createHarness({
      gpu: null,
      cpuEnv: twoCores,
      wasm: { loadModule: () => WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 9, 0, 0, 0])) },
    });
    await broken.send({ type: 'init', backend: 'wasm' });
    const ready = await broken.waitFor('ready');
    expect(ready.choice?.engine).toBe('js');
    expect(ready.choice?.reason).toMatch(/^plain JavaScript \(WebAssembly could not start: .+\)$/);
    await noSimd.send({ type: 'dispose' });
    await broken.send({ type: 'dispose' });
  });

  it('runs the generative engines and the replay model on the WebAssembly ops too', async () => {
    type Of<K extends GenerativeEvent['kind']> = Extract<GenerativeEvent, { kind: K }>;
    const answers = async (preference: BackendPreference) => {
      const { h } = await trainer(preference);
      for (let i = 0; i < 2; i++) await h.send({ type: 'step' });
      const image = new Float32Array(784).map((_, i) => (i % 29) / 29);
      const frame = await h.core.inspector.answer({ kind: 'replayFrame', index: 1, image });
      const next = <K extends GenerativeEvent['kind']>(kind: K) =>
        h
          .waitFor('generative', (e: EventOf<'generative'>) => e.event.kind === kind)
          .then((e) => e.event as Of<K>);
      const ae = narrowPreset('autoencoder', 4).spec;
      await h.send({
        type: 'generative',
        request: {
          kind: 'setAutoencoder',
          spec: ae,
          hyper: { ...DEFAULT_HYPER, batchSize: 4, loss: 'mse' },
          bottleneckLayerId: 'bottleneck',
        },
      });
      await next('latent');
      await h.send({
        type: 'generative',
        request: { kind: 'decode', id: 1, codes: Float32Array.of(0.5, -1) },
      });
      const decoded = await next('decoded');
      await h.send({ type: 'generative', request: { kind: 'start' } });
      const metrics = await h.waitFor('generative', (e) => e.event.kind === 'metrics' && e.event.step >= 3);
      await h.send({ type: 'generative', request: { kind: 'pause' } });
      expect(h.of('error')).toEqual([]);
      await h.send({ type: 'dispose' });
      if (frame.kind !== 'replayFrame') throw new Error('not a replay frame');
      return { frame, decoded: decoded.images, loss: (metrics.event as Of<'metrics'>).loss! };
    };
    const wasm = await answers('wasm');
    const js = await answers('js');
    expect(wasm.frame.entry.step).toBe(js.frame.entry.step);
    wasm.frame.activations.forEach((a, i) =>
      expectClose(a.tensors[0].data, js.frame.activations[i].tensors[0].data, { atol: 1e-4, rtol: 1e-3 }),
    );
    expectClose(wasm.decoded, js.decoded, { atol: 1e-5, rtol: 1e-4 });
    expect(Number.isFinite(wasm.loss)).toBe(true);
  }, 180_000);
});
