// The automatic choice on a software fallback adapter (SwiftShader reports isFallbackAdapter): each design
// starts on WebAssembly, is measured on WebGPU and on the WebAssembly ops while idle, once per design
// shape, and trains where it measured faster; the user's choice overrides it, and the model moves from WebGPU to WebAssembly bit for bit.
import { describe, expect, it } from 'vitest';
import { expectSameBits } from '../engine/wasm/testing/bits';
import { loadNodeModule, spawnNodeHelper } from '../engine/wasm/testing/node';
import { DEFAULT_HYPER } from '../network/hyper';
import { presetSpec } from '../network/presets';
import { createHarness } from './testing/harness';

const wasm = { loadModule: loadNodeModule, spawn: spawnNodeHelper };
const cpuEnv = { wasmSimd: true, sharedMemory: true, cores: 2 };
const hyper = { ...DEFAULT_HYPER, batchSize: 16, seed: 5 };
const FIGURES = /\(\d+(\.\d)? ms against \d+(\.\d)? ms a step\)$/;

describe('the backend choice on a software fallback adapter', () => {
  it('measures each design shape once and trains it where it measured faster', async () => {
    const h = createHarness({ wasm, cpuEnv, measureMs: 100, measureAfterMs: 0, reportEvery: 1 });
    await h.send({ type: 'init', backend: 'auto' });
    // WebAssembly until a design is measured; the page never waits for a measurement.
    const first = await h.waitFor('ready');
    expect(first).toMatchObject({ backend: 'cpu', choice: { engine: 'wasm', preference: 'auto' } });
    expect(first.choice!.reason).toMatch(
      /^WebAssembly, 2 threads: .*software fallback .*; WebGPU is measured against it for this design while nothing trains$/,
    );
    await h.send({ type: 'setHyper', hyper });
    let from = h.events.length;
    await h.send({ type: 'setSpec', spec: presetSpec('lenet-5') });
    // Built on WebAssembly at once (a modelReady, and no new ready: the choice stands), measured on both
    // sides while idle, then trained where it measured faster.
    expect(h.events.slice(from).map((e) => e.type)).toContain('modelReady');
    expect(h.events.slice(from).some((e) => e.type === 'ready')).toBe(false);
    const measured = await h.waitFor('ready', () => true, { from });
    const engine = measured.choice!.engine;
    process.stdout.write(`LeNet-5 at batch 16 on a fallback adapter: ${measured.choice!.reason}\n`);
    expect(['webgpu', 'wasm']).toContain(engine);
    expect(measured.backend).toBe(engine === 'webgpu' ? 'webgpu' : 'cpu');
    expect(measured.choice!.reason).toMatch(
      engine === 'webgpu'
        ? /software fallback .*, and it measured faster than WebAssembly for this design/
        : /^WebAssembly, 2 threads: .*software fallback .*, and WebAssembly measured faster for this design/,
    );
    expect(measured.choice!.reason).toMatch(FIGURES);
    expect(h.core.current.backend!.kind).toBe(measured.backend);
    // The same design again (new layer ids): its measurement is reused, so nothing changes and no ready comes.
    from = h.events.length;
    await h.send({ type: 'setSpec', spec: presetSpec('lenet-5') });
    expect(h.of('ready').length).toBe(2);
    expect(h.events.slice(from).some((e) => e.type === 'modelReady')).toBe(true);
    await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
    await h.waitFor('datasetReady');
    await h.send({ type: 'step' });
    expect(h.of('metrics').at(-1)!.step).toBe(1);
    expect(h.of('error')).toEqual([]);
    await h.send({ type: 'dispose' });
  }, 240_000);

  it('stops measuring when training starts, and the run stays on WebAssembly', async () => {
    const h = createHarness({ wasm, cpuEnv, measureMs: 100, measureAfterMs: 0, reportEvery: 1 });
    await h.send({ type: 'init', backend: 'auto' });
    await h.waitFor('ready');
    await h.send({ type: 'setHyper', hyper });
    await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
    await h.waitFor('datasetReady');
    const from = h.events.length;
    await h.send({ type: 'setSpec', spec: presetSpec('tiny-cnn') });
    expect(h.core.selector.measureIdle(h.core.current.desc!, h.core.current.hyper)).toBe(true);
    await h.send({ type: 'step' });
    expect(h.of('metrics').at(-1)!.step).toBe(1);
    // The step stopped the measurement: none is kept (one left running would finish within this wait),
    // no measured choice comes, and nothing moved.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(h.core.selector.measureIdle(h.core.current.desc!, h.core.current.hyper)).toBe(true);
    expect(h.events.slice(from).some((e) => e.type === 'ready')).toBe(false);
    expect(h.core.current.backend!.kind).toBe('cpu');
    expect(h.of('error')).toEqual([]);
    await h.send({ type: 'dispose' });
  }, 240_000);

  it('keeps WebGPU when the user chose it, and moves the model to WebAssembly bit for bit on request', async () => {
    const h = createHarness({ wasm, cpuEnv, measureMs: 100, measureAfterMs: 0, reportEvery: 1 });
    await h.send({ type: 'init', backend: 'webgpu' });
    expect((await h.waitFor('ready')).choice?.reason).toBe(
      'WebGPU on google swiftshader, chosen in the backend menu',
    );
    await h.send({ type: 'setHyper', hyper });
    await h.send({ type: 'setSpec', spec: presetSpec('lenet-5') });
    await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
    await h.waitFor('datasetReady');
    // No measurement under a chosen backend: the design's build brings no second ready.
    expect(h.of('ready')).toHaveLength(1);
    for (let i = 0; i < 2; i++) await h.send({ type: 'step' });
    const onGpu = await h.core.current.backend!.readState();
    const from = h.events.length;
    await h.send({ type: 'setBackend', backend: 'wasm' });
    const moved = await h.waitFor('ready', () => true, { from });
    expect(moved).toMatchObject({ backend: 'cpu', choice: { engine: 'wasm', threads: 2 } });
    const onWasm = await h.core.current.backend!.readState();
    expectSameBits(onWasm.params, onGpu.params, 'params');
    expectSameBits(onWasm.buffers, onGpu.buffers, 'buffers');
    await h.send({ type: 'step' });
    expect(h.of('metrics').at(-1)!.step).toBe(3);
    expect(h.of('error')).toEqual([]);
    await h.send({ type: 'dispose' });
  }, 240_000);
});
