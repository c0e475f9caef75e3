// The browser-kept weights actions below the page: a real store, a real TrainerClient and TrainerCore (CPU
// backend over a MessageChannel). Node has no IndexedDB, so the real IndexedDB module is used where it
// reports that (the private-window case) and a Map holding the same bytes stands in for the database
// elsewhere; the IndexedDB module itself is covered in Chromium by e2e/weights-storage.spec.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { exportWeights } from '../../network/export';
import { randomWeights } from '../../network/export/testing/random-weights';
import { DEFAULT_HYPER } from '../../network/hyper';
import { presetSpec } from '../../network/presets';
import type { NetworkSpec } from '../../network/spec';
import { TrainerClient } from '../../training/client';
import { inProcessWorker } from '../../training/testing/in-process-worker';
import { openWeightsStore, WeightsStorageError, type WeightsStore } from '../persistence/weights';
import { createAppStore } from '../store/store';
import {
  deleteKeptWeights,
  keepWeights,
  keptName,
  listKeptWeights,
  loadKeptWeights,
  storageNotice,
} from './browserWeightsActions';

const lenet = presetSpec('lenet-5');
let client: TrainerClient | null = null;
afterEach(() => client?.dispose());

function setup() {
  const store = createAppStore();
  const hyper = { ...DEFAULT_HYPER, batchSize: 16 };
  client = new TrainerClient(inProcessWorker({ gpu: null }), { forceCpu: true });
  client.setHyper(hyper);
  client.setSpec(lenet);
  store.setState({ spec: lenet, baseline: lenet, hyper, client });
  return store;
}

/** Keeps ArrayBuffers by name as IndexedDB does (a copy in, a copy out), failing with `fail` when set. */
function mapStore(fail?: WeightsStorageError): WeightsStore & { data: Map<string, ArrayBuffer> } {
  const data = new Map<string, ArrayBuffer>();
  let clock = 0;
  const dates = new Map<string, string>();
  return {
    data,
    async saveWeights(name, bytes) {
      if (fail) throw fail;
      data.set(name, bytes.slice(0));
      dates.set(name, new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)).toISOString());
      return { name, bytes: bytes.byteLength, savedAt: dates.get(name)! };
    },
    async loadWeights(name) {
      return data.get(name)?.slice(0) ?? null;
    },
    async listWeights() {
      return [...data]
        .map(([name, b]) => ({ name, bytes: b.byteLength, savedAt: dates.get(name)! }))
        .reverse();
    },
    async deleteWeights(name) {
      return data.delete(name);
    },
    close() {},
  };
}

const flat = (layers: { tensors: { data: Float32Array }[] }[]) =>
  layers.flatMap((l) => l.tensors.flatMap((t) => Array.from(t.data)));

describe('kept weights: the pure parts', () => {
  it('names kept weights after the design and the local time, within 100 characters', () => {
    const when = new Date(2026, 10, 5, 9, 7, 3);
    expect(keptName({ name: '  LeNet-5 ' }, when)).toBe('LeNet-5 2026-11-05 09:07:03');
    expect(keptName({ name: '' }, when)).toBe('Network 2026-11-05 09:07:03');
    const long = keptName({ name: 'x'.repeat(300) }, when);
    expect(long).toHaveLength(100);
    expect(long.endsWith(' 2026-11-05 09:07:03')).toBe(true);
  });

  it('says what to do for a full quota, blocked storage and any other failure', () => {
    expect(storageNotice(new WeightsStorageError('quota', 'full'), 2_468_000)).toBe(
      'Not enough browser storage to keep these weights (2.5 MB needed). Delete kept weights or export them to a file instead. Nothing was changed.',
    );
    expect(storageNotice(new WeightsStorageError('unavailable', 'no idb'))).toMatch(
      /^This browser does not let the playground keep weights \(storage is blocked, as in a private window\)\. Export them to a file instead\. Nothing was changed\.$/,
    );
    expect(storageNotice(new WeightsStorageError('failed', 'Could not load the weights "a" (X: y).'))).toBe(
      'Browser storage failed: Could not load the weights "a" (X: y). Nothing was changed.',
    );
  });
});

describe('kept weights: the actions', () => {
  it('without IndexedDB (a private window) every action says so and the weights stay', async () => {
    const store = setup();
    const before = flat(await client!.snapshot('weights'));
    const none = openWeightsStore();
    expect(await keepWeights(store, none, 'run 1')).toBeNull();
    expect(store.getState().notice).toMatch(/^This browser does not let the playground keep weights/);
    store.getState().setNotice(null);
    expect(await listKeptWeights(store, none)).toBeNull();
    expect(store.getState().notice).toMatch(/private window/);
    store.getState().setNotice(null);
    await loadKeptWeights(store, none, 'run 1');
    expect(store.getState().notice).toMatch(/Nothing was changed\.$/);
    expect(flat(await client!.snapshot('weights'))).toEqual(before);
  });

  it('keeps the trained weights as safetensors and loads them back after others were loaded', async () => {
    const store = setup();
    const kept = mapStore();
    const trained = flat(await client!.snapshot('weights'));
    const entry = await keepWeights(store, kept, '  ');
    expect(entry?.name).toMatch(/^LeNet-5 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(store.getState().notice).toBe(`Kept the weights "${entry!.name}" in this browser (0.2 MB).`);
    // The bytes are the same safetensors file "Download weights.safetensors" gives.
    const bytes = new Uint8Array(kept.data.get(entry!.name)!);
    expect(bytes).toEqual(exportWeights(lenet, await client!.snapshot('weights')));

    const other = randomWeights(lenet, 5);
    await client!.setWeights(other.map((w) => ({ ...w, kind: lenet.layers[w.layerIndex].kind })));
    expect(flat(await client!.snapshot('weights'))).not.toEqual(trained);
    await loadKeptWeights(store, kept, entry!.name);
    expect(store.getState().notice).toBe(`Loaded the kept weights "${entry!.name}" into the design.`);
    expect(flat(await client!.snapshot('weights'))).toEqual(trained);

    await deleteKeptWeights(store, kept, entry!.name);
    expect(store.getState().notice).toBe(`Deleted the kept weights "${entry!.name}".`);
    expect(await listKeptWeights(store, kept)).toEqual([]);
    await loadKeptWeights(store, kept, entry!.name);
    expect(store.getState().notice).toBe(
      `Weights not loaded: nothing is kept under "${entry!.name}" any more. Nothing was changed.`,
    );
  });

  it('refuses kept weights of another shape, naming the tensor, and changes nothing', async () => {
    const store = setup();
    const kept = mapStore();
    const wide: NetworkSpec = structuredClone(lenet);
    wide.layers[3] = { ...wide.layers[3], out_channels: 12 } as NetworkSpec['layers'][number];
    const wideBytes = exportWeights(wide, randomWeights(wide, 2));
    await kept.saveWeights('wide', wideBytes.slice().buffer);
    const before = flat(await client!.snapshot('weights'));
    const history = store.getState().history;
    await loadKeptWeights(store, kept, 'wide');
    expect(store.getState().notice).toBe(
      'Weights not loaded: tensor "conv2.weight" has shape [12,6,5,5] but this design needs [16,6,5,5]; ' +
        'tensor "conv2.bias" has shape [12] but this design needs [16]; ' +
        'tensor "fc1.weight" has shape [120,300] but this design needs [120,400]. Nothing was changed.',
    );
    expect(flat(await client!.snapshot('weights'))).toEqual(before);
    expect(store.getState().history).toBe(history);
  });

  it('a full quota keeps nothing and says how much was needed', async () => {
    const store = setup();
    const kept = mapStore(new WeightsStorageError('quota', 'full'));
    expect(await keepWeights(store, kept, 'big')).toBeNull();
    expect(store.getState().notice).toBe(
      'Not enough browser storage to keep these weights (0.2 MB needed). Delete kept weights or export them to a file instead. Nothing was changed.',
    );
    expect(kept.data.size).toBe(0);
  });
});
