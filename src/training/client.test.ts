// TrainerClient <-> TrainerCore over a real MessageChannel (structured clone and transfers), on the CPU
// backend (no WebGPU in the unit project), without the dataset: everything that needs only a model.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_HYPER } from '../network/hyper';
import { presetSpec } from '../network/presets';
import { TrainerClient } from './client';
import type { EventOf, TrainerEventType } from './protocol';
import { transferablesOf } from './protocol';
import { inProcessWorker } from './testing/in-process-worker';

let client: TrainerClient | null = null;
afterEach(() => client?.dispose());

function next<T extends TrainerEventType>(c: TrainerClient, type: T): Promise<EventOf<T>> {
  return new Promise((resolve) => {
    const off = c.on(type, (e) => {
      off();
      resolve(e);
    });
  });
}

function connect(): TrainerClient {
  client = new TrainerClient(() => inProcessWorker({ gpu: null }));
  return client;
}

describe('TrainerClient over the protocol (CPU backend)', () => {
  it('reports the CPU backend and why, when there is no WebGPU', async () => {
    const c = connect();
    const ready = await next(c, 'ready');
    expect(ready.backend).toBe('cpu');
    expect(ready.fallbackReason).toMatch(/WebGPU/);
    expect(ready.gpu).toBeUndefined();
  });

  it('asked for the CPU, says so', async () => {
    client = new TrainerClient(inProcessWorker({ gpu: null }), { forceCpu: true });
    expect((await next(client, 'ready')).fallbackReason).toMatch(/asked for the CPU/);
  });

  it('builds a model from a spec and predicts probabilities for a drawn image', async () => {
    const c = connect();
    c.setHyper({ ...DEFAULT_HYPER, batchSize: 8 });
    c.setSpec(presetSpec('tiny-cnn'));
    const model = await next(c, 'modelReady');
    expect(model.parameterCount).toBe(208 + 1168 + 7850);
    const image = new Float32Array(784).fill(0.5);
    const probabilities = await c.predict(image);
    expect(image.length).toBe(0); // transferred, not copied
    expect(probabilities).toHaveLength(10);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('returns weights under PyTorch names, and activations with the inferred shapes', async () => {
    const c = connect();
    c.setSpec(presetSpec('tiny-cnn'));
    const weights = await c.snapshot('weights');
    expect(weights.map((l) => [l.layerIndex, l.kind, l.tensors.map((t) => `${t.name}[${t.shape}]`)])).toEqual(
      [
        [0, 'Conv2d', ['weight[8,1,5,5]', 'bias[8]']],
        [2, 'Conv2d', ['weight[16,8,3,3]', 'bias[16]']],
        [5, 'Linear', ['weight[10,784]', 'bias[10]']],
      ],
    );
    // PyTorch's default init: U(±1/√fan_in) with fan_in = 1·5·5 for the first conv.
    const w = weights[0].tensors[0].data;
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(1 / 5);
    expect(Math.max(...w.map(Math.abs))).toBeGreaterThan(0.15);
    const acts = await c.snapshot('activations', new Float32Array(784).fill(1));
    expect(acts.map((l) => l.tensors[0].shape)).toEqual([
      [8, 14, 14],
      [8, 14, 14],
      [16, 7, 7],
      [16, 7, 7],
      [784],
      [10],
    ]);
    expect(acts[1].tensors[0].data.every((v) => v >= 0)).toBe(true);
  });

  it('gives the same initial weights for the same seed, and new ones for another', async () => {
    const c = connect();
    c.setHyper({ ...DEFAULT_HYPER, seed: 3 });
    c.setSpec(presetSpec('mlp'));
    const a = (await c.snapshot('weights'))[0].tensors[0].data;
    c.reset();
    const b = (await c.snapshot('weights'))[0].tensors[0].data;
    c.setHyper({ ...DEFAULT_HYPER, seed: 4 });
    c.reset();
    const d = (await c.snapshot('weights'))[0].tensors[0].data;
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(d)).not.toEqual(Array.from(a));
  });

  it('rejects requests it cannot answer with a specific message', async () => {
    const c = connect();
    await expect(c.predict(new Float32Array(784))).rejects.toThrow(/set a spec first/);
    expect(() => c.predict(new Float32Array(0))).toThrow(/Float32Array of the network's input/);
    expect(() => c.predict(new Float32Array(3 * 64 * 64 + 1))).toThrow(/up to 12288/);
    const error = next(c, 'error');
    c.start();
    expect((await error).message).toMatch(/no network to train/);
    const refused = next(c, 'error');
    c.setHyper({ ...DEFAULT_HYPER, lr: -1 });
    expect((await refused).message).toMatch(/hyperparameters refused: learning rate/);
    const notClassification = next(c, 'error');
    c.setSpec(presetSpec('autoencoder'));
    expect((await notClassification).message).toMatch(/classification/);
  });

  it('stops delivering to an unsubscribed handler, and rejects pending requests on dispose', async () => {
    const c = connect();
    let calls = 0;
    const off = c.on('modelReady', () => calls++);
    c.setSpec(presetSpec('mlp'));
    await next(c, 'modelReady');
    off();
    c.reset();
    await next(c, 'modelReady');
    expect(calls).toBe(1);
    const pending = c.snapshot('weights');
    c.dispose();
    await expect(pending).rejects.toThrow(/disposed/);
    expect(() => c.start()).toThrow(/disposed/);
    client = null;
  });
});

describe('transferablesOf', () => {
  it('lists each buffer once, for every message that carries arrays', () => {
    const shared = new Float32Array(8);
    const layers = [
      {
        layerIndex: 0,
        kind: 'Conv2d',
        tensors: [{ name: 'weight', shape: [4], data: shared.subarray(0, 4) }],
      },
      { layerIndex: 1, kind: 'Linear', tensors: [{ name: 'weight', shape: [4], data: shared.subarray(4) }] },
    ];
    expect(transferablesOf({ type: 'snapshot', id: 1, what: 'weights', layers })).toEqual([shared.buffer]);
    const image = new Float32Array(784);
    expect(transferablesOf({ type: 'predict', id: 2, image })).toEqual([image.buffer]);
    expect(transferablesOf({ type: 'start' })).toEqual([]);
    const items = [
      { index: 0, image: new Uint8Array(784), label: 1, predicted: 1, probabilities: new Float32Array(10) },
    ];
    expect(transferablesOf({ type: 'gallery', items })).toHaveLength(2);
  });
});
