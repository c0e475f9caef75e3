// Loading weights into a running trainer: every tensor checked first, a refusal changes nothing, and a
// load followed by a weights snapshot gives back exactly what was loaded.
import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER } from '../network/hyper';
import { presetSpec } from '../network/presets';
import { stateFromSnapshot } from './load-weights';
import { describeSpec } from './model-spec';
import type { LayerSnapshot } from './protocol';
import { TrainerClient } from './client';
import { createHarness } from './testing/harness';
import { inProcessWorker } from './testing/in-process-worker';

const spec = presetSpec('lenet-5');
const desc = describeSpec(spec, 16);

/** A full set of weights for LeNet-5: value = a distinct function of tensor and position. */
function weights(): LayerSnapshot[] {
  return desc.layers.flatMap((plan, layerIndex) => {
    const tensors = [...plan.params, ...plan.buffers].map((t, k) => ({
      name: t.name,
      shape: [...t.shape],
      data: Float32Array.from({ length: t.size }, (_, i) => Math.sin(layerIndex * 31 + k * 7 + i * 0.01)),
    }));
    return tensors.length ? [{ layerIndex, kind: plan.layer.kind, tensors }] : [];
  });
}

const messageOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('stateFromSnapshot', () => {
  it('places every tensor at its offset in the flat arrays', () => {
    const given = weights();
    const state = stateFromSnapshot(desc, given);
    expect(state.params).toHaveLength(desc.paramFloats);
    for (const layer of given) {
      for (const t of layer.tensors) {
        const flat = desc.layers[layer.layerIndex].params.find((p) => p.name === t.name)!;
        expect(state.params.subarray(flat.offset, flat.offset + flat.size)).toEqual(t.data);
      }
    }
  });

  it('names the tensor that is missing, misshapen, extra or not finite', () => {
    const missing = weights();
    missing[1].tensors.pop();
    expect(messageOf(() => stateFromSnapshot(desc, missing))).toBe(
      'the weights have no layer 4 (Conv2d) bias [16]',
    );
    const wrong = weights();
    wrong[0].tensors[0] = { ...wrong[0].tensors[0], shape: [6, 1, 3, 3], data: new Float32Array(54) };
    expect(messageOf(() => stateFromSnapshot(desc, wrong))).toBe(
      'layer 1 (Conv2d) weight has shape [6,1,3,3] but the network needs [6,1,5,5]',
    );
    const extra = weights();
    extra[2].tensors.push({ name: 'running_mean', shape: [120], data: new Float32Array(120) });
    expect(messageOf(() => stateFromSnapshot(desc, extra))).toBe(
      'the weights give layer 8 (Linear) running_mean, which the network does not have',
    );
    const nan = weights();
    nan[3].tensors[0].data[10] = Infinity;
    expect(messageOf(() => stateFromSnapshot(desc, nan))).toBe(
      'layer 10 (Linear) weight holds NaN or infinite values',
    );
    expect(
      messageOf(() => stateFromSnapshot(desc, [...weights(), { ...weights()[0], layerIndex: 40 }])),
    ).toBe('the weights name layer 41, but the network has 12');
  });
});

describe('TrainerCore setWeights on the CPU backend', () => {
  it('loads weights that a snapshot gives back, and refuses a mismatch without changing anything', async () => {
    const h = createHarness();
    await h.send({ type: 'init', forceCpu: true });
    await h.send({ type: 'setHyper', hyper: { ...DEFAULT_HYPER, batchSize: 16 } });
    await h.send({ type: 'setSpec', spec });
    const snapshot = async (id: number) => {
      await h.send({ type: 'snapshot', id, what: 'weights' });
      return (await h.waitFor('snapshot', (e) => e.id === id)).layers;
    };
    const before = await snapshot(1);

    const bad = weights();
    bad[4].tensors[1] = { name: 'bias', shape: [9], data: new Float32Array(9) };
    await h.send({ type: 'setWeights', id: 2, layers: bad });
    expect((await h.waitFor('requestFailed', (e) => e.id === 2)).message).toBe(
      'layer 12 (Linear) bias has shape [9] but the network needs [10]',
    );
    expect(await snapshot(3)).toEqual(before);

    const good = weights();
    await h.send({ type: 'setWeights', id: 4, layers: weights() });
    await h.waitFor('weightsSet', (e) => e.id === 4);
    expect(await snapshot(5)).toEqual(good);
    expect(h.of('error')).toEqual([]);
    await h.send({ type: 'dispose' });
  });
});

describe('TrainerClient.setWeights over a MessageChannel', () => {
  it('transfers the tensors, resolves when loaded and rejects with the message naming the tensor', async () => {
    const client = new TrainerClient(inProcessWorker({ gpu: null }), { forceCpu: true });
    client.setHyper({ ...DEFAULT_HYPER, batchSize: 16 });
    client.setSpec(spec);
    const given = weights();
    const expected = structuredClone(given);
    const loaded = client.setWeights(given);
    // Transferred: the page's copies are detached at once.
    expect(given[0].tensors[0].data.length).toBe(0);
    await loaded;
    expect(await client.snapshot('weights')).toEqual(expected);
    const short = weights();
    short[0].tensors.pop();
    await expect(client.setWeights(short)).rejects.toThrow('the weights have no layer 1 (Conv2d) bias [6]');
    expect(await client.snapshot('weights')).toEqual(expected);
    client.dispose();
  });
});
