// The import actions end to end below the page: a real store, a real TrainerClient and TrainerCore (CPU
// backend over a MessageChannel). A good file replaces design, hyperparameters and weights; a bad one
// leaves all three exactly as they were and says why.
import { afterEach, describe, expect, it } from 'vitest';
import { exportWeights, TORCH_PICKLE_MESSAGE } from '../../network/export';
import { randomWeights } from '../../network/export/testing/random-weights';
import { DEFAULT_HYPER } from '../../network/hyper';
import { presetSpec } from '../../network/presets';
import { writeProject } from '../../network/project';
import type { NetworkSpec } from '../../network/spec';
import { TrainerClient } from '../../training/client';
import { inProcessWorker } from '../../training/testing/in-process-worker';
import { createAppStore } from '../store/store';
import { importProjectFile, loadWeightsFile } from './actions';

const lenet = presetSpec('lenet-5');
let client: TrainerClient | null = null;
afterEach(() => client?.dispose());

/** A store showing LeNet-5 with a trainer holding its seed-initialised model. */
function setup() {
  const store = createAppStore();
  const hyper = { ...DEFAULT_HYPER, batchSize: 16 };
  client = new TrainerClient(inProcessWorker({ gpu: null }), { forceCpu: true });
  client.setHyper(hyper);
  client.setSpec(lenet);
  store.setState({ spec: lenet, baseline: lenet, hyper, client });
  return store;
}

const file = (bytes: Uint8Array, name: string) => new File([new Uint8Array(bytes)], name);
const flat = (layers: { tensors: { data: Float32Array }[] }[]) =>
  layers.flatMap((l) => l.tensors.flatMap((t) => Array.from(t.data)));

describe('import actions', () => {
  it('a project with weights replaces the hyperparameters and the weights', async () => {
    const store = setup();
    const weights = randomWeights(lenet, 11);
    const hyper = { ...DEFAULT_HYPER, batchSize: 16, lr: 0.0005, seed: 3 };
    const bytes = writeProject({ spec: lenet, hyper, weights });
    await importProjectFile(store, file(bytes, 'lenet-5.cnnp'));
    expect(store.getState().notice).toMatch(
      /^Imported "LeNet-5" \(saved \d{4}-\d\d-\d\d\) with its trained weights\.$/,
    );
    expect(store.getState().hyper).toEqual(hyper);
    expect(flat(await client!.snapshot('weights'))).toEqual(flat(weights));
    // The views of the model's output (draw pad, inspect) are told to ask again.
    expect(store.getState().weightsVersion).toBe(1);
  });

  it('a damaged project changes nothing and says why', async () => {
    const store = setup();
    const before = store.getState();
    const weightsBefore = flat(await client!.snapshot('weights'));
    const bytes = writeProject({ spec: presetSpec('tiny-cnn'), hyper: DEFAULT_HYPER });
    await importProjectFile(store, file(bytes.subarray(0, bytes.length - 30), 'cut.cnnp'));
    const after = store.getState();
    expect(after.notice).toBe(
      'Project not imported: this is not a CNN Playground project file: the ZIP archive is cut short or damaged (no end-of-directory record). Nothing was changed.',
    );
    expect(after.spec).toBe(before.spec);
    expect(after.hyper).toBe(before.hyper);
    expect(after.history).toBe(before.history);
    expect(flat(await client!.snapshot('weights'))).toEqual(weightsBefore);
  });

  it('a .safetensors file with a wrong shape is refused naming the tensor; a fitting one is loaded', async () => {
    const store = setup();
    const weightsBefore = flat(await client!.snapshot('weights'));
    const wide: NetworkSpec = structuredClone(lenet);
    wide.layers[3] = { ...wide.layers[3], out_channels: 12 } as NetworkSpec['layers'][number];
    await loadWeightsFile(store, file(exportWeights(wide, randomWeights(wide, 2)), 'wide.safetensors'));
    expect(store.getState().notice).toBe(
      'Weights not loaded: tensor "conv2.weight" has shape [12,6,5,5] but this design needs [16,6,5,5]; ' +
        'tensor "conv2.bias" has shape [12] but this design needs [16]; ' +
        'tensor "fc1.weight" has shape [120,300] but this design needs [120,400]. Nothing was changed.',
    );
    expect(flat(await client!.snapshot('weights'))).toEqual(weightsBefore);
    expect(store.getState().weightsVersion).toBe(0);

    const fitting = randomWeights(lenet, 8);
    await loadWeightsFile(store, file(exportWeights(lenet, fitting), 'trained.safetensors'));
    expect(store.getState().notice).toBe('Loaded the weights of trained.safetensors into the design.');
    expect(flat(await client!.snapshot('weights'))).toEqual(flat(fitting));
    expect(store.getState().weightsVersion).toBe(1);
  });

  it('a PyTorch .pt checkpoint is refused unread, naming the converter', async () => {
    const store = setup();
    // The first bytes of torch.save's legacy format: PROTO 2, then the pickled magic number.
    const legacy = [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e];
    await loadWeightsFile(
      store,
      file(Uint8Array.from([...legacy, ...new Array<number>(64).fill(0)]), 'a.pt'),
    );
    expect(store.getState().notice).toBe(`Weights not loaded: ${TORCH_PICKLE_MESSAGE}. Nothing was changed.`);
    expect(store.getState().weightsVersion).toBe(0);
  });

  it('finite weights of absurd size load with a warning, from a file and from a project', async () => {
    const store = setup();
    const weights = randomWeights(lenet, 5);
    weights[1].tensors[0].data[4] = -3e38;
    await loadWeightsFile(store, file(exportWeights(lenet, weights), 'huge.safetensors'));
    expect(store.getState().notice).toBe(
      'Loaded the weights of huge.safetensors into the design. Warning: tensor "conv2.weight" holds values as large as 3.0e+38, far beyond what training makes; training from these weights will likely overflow. Press Reset to start from fresh weights.',
    );
    expect(flat(await client!.snapshot('weights'))).toEqual(flat(weights));
    const project = writeProject({ spec: lenet, hyper: { ...DEFAULT_HYPER, batchSize: 16 }, weights });
    await importProjectFile(store, file(project, 'huge.cnnp'));
    expect(store.getState().notice).toMatch(
      /^Imported "LeNet-5" \(saved [\d-]+\) with its trained weights\. Warning: tensor "conv2\.weight" holds values as large as 3\.0e\+38/,
    );
  });
});
