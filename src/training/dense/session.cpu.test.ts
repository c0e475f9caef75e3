// The dense session on the CPU backend (no WebGPU): both tasks through TrainerCore on the WebAssembly ops,
// then moved to plain JavaScript with the weights of the step it paused at.
import { describe, expect, it } from 'vitest';
import type { CpuEnvironment } from '../../engine/wasm/choose';
import { expectSameBits } from '../../engine/wasm/testing/bits';
import { loadNodeModule, spawnNodeHelper } from '../../engine/wasm/testing/node';
import type { EventOf } from '../protocol';
import { createHarness } from '../testing/harness';
import { checkDenseSession, DENSE_TEST_OPTIONS } from './session-checks';
import type { DenseEvent } from './types';

const twoCores: CpuEnvironment = { wasmSimd: true, sharedMemory: true, cores: 2 };
type Of<K extends DenseEvent['kind']> = Extract<DenseEvent, { kind: K }>;

describe('dense session on the CPU backend', () => {
  it('builds, draws scenes, trains, evaluates and answers for segmentation and detection; a backend change keeps the weights', async () => {
    const h = createHarness({
      gpu: null,
      wasm: { loadModule: loadNodeModule, spawn: spawnNodeHelper },
      cpuEnv: twoCores,
      dense: DENSE_TEST_OPTIONS,
    });
    await h.send({ type: 'init', backend: 'auto' });
    expect((await h.waitFor('ready')).choice).toMatchObject({ engine: 'wasm', threads: 2 });
    await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
    await h.waitFor('datasetReady');
    await checkDenseSession(h);

    // The detector, paused, moves from WebAssembly to plain JavaScript with the weights of its step.
    const next = <K extends DenseEvent['kind']>(
      kind: K,
      from: number,
      test: (e: Of<K>) => boolean = () => true,
    ) =>
      h
        .waitFor('dense', (e: EventOf<'dense'>) => e.event.kind === kind && test(e.event as Of<K>), { from })
        .then((e) => e.event as Of<K>);
    const step = h.core.dense.step;
    let from = h.events.length;
    await h.send({ type: 'dense', request: { kind: 'readWeights', id: 11 } });
    const before = await next('weights', from);
    from = h.events.length;
    await h.send({ type: 'setBackend', backend: 'js' });
    expect((await h.waitFor('ready', () => true, { from })).choice).toMatchObject({ engine: 'js' });
    expect(await next('ready', from)).toMatchObject({ task: 'detection', step });
    expect(await next('state', from, (e) => e.reason !== undefined)).toEqual({
      kind: 'state',
      state: 'paused',
      reason: `the backend changed: the network was rebuilt from its weights at step ${step}`,
    });
    expect((await next('evaluation', from)).step).toBe(step);
    from = h.events.length;
    await h.send({ type: 'dense', request: { kind: 'readWeights', id: 12 } });
    const after = await next('weights', from);
    expect(after.layers.length).toBe(before.layers.length);
    after.layers.forEach((layer, i) =>
      layer.tensors.forEach((t, j) => expectSameBits(t.data, before.layers[i].tensors[j].data, t.name)),
    );
    expect(h.of('error')).toEqual([]);
    await h.send({ type: 'dispose' });
  }, 120_000);
});
