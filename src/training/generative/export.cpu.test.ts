// The autoencoder's trained weights leave the generative session (`readWeights`), go back in
// (`setWeights`, refused whole when a tensor does not fit), and the exported bundle's model.py, run in
// Debian's python3-torch, reconstructs a test image as the session does.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DCGAN_HYPER, DEFAULT_HYPER } from '../../network/hyper';
import { exportBundle, readSafetensors, writeSafetensors } from '../../network/export';
import { planExport } from '../../network/export/pytorch-code';
import { expectClose, probeTorch, runScript } from '../../network/export/testing/python';
import { unzip } from '../../network/export/testing/unzip';
import type { EventOf } from '../protocol';
import { createHarness } from '../testing/harness';
import { narrowPreset } from './narrow-presets';
import type { GenerativeEvent } from './types';

type Of<K extends GenerativeEvent['kind']> = Extract<GenerativeEvent, { kind: K }>;
const torch = probeTorch();

describe('autoencoder weights out of the generative session', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cnn-ae-export-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are read after training, loaded back, and run in PyTorch with the same reconstruction', async () => {
    const h = createHarness();
    await h.send({ type: 'init', forceCpu: true });
    await h.waitFor('ready');
    await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
    await h.waitFor('datasetReady');
    const next = <K extends GenerativeEvent['kind']>(kind: K, test: (e: Of<K>) => boolean = () => true) =>
      h
        .waitFor('generative', (e: EventOf<'generative'>) => e.event.kind === kind && test(e.event as Of<K>))
        .then((e) => e.event as Of<K>);
    const send = (request: Parameters<typeof h.send>[0] & { type: 'generative' }) => h.send(request);

    const spec = narrowPreset('autoencoder', 4).spec;
    const hyper = { ...DEFAULT_HYPER, batchSize: 4, loss: 'mse' as const };
    await send({ type: 'generative', request: { kind: 'readWeights', id: -1 } });
    expect((await next('failed', (e) => e.id === -1)).message).toMatch(/no generative network/);
    await send({
      type: 'generative',
      request: { kind: 'setAutoencoder', spec, hyper, bottleneckLayerId: 'bottleneck' },
    });
    await send({ type: 'generative', request: { kind: 'readWeights', id: 1 } });
    const initial = await next('weights', (e) => e.id === 1);
    await send({ type: 'generative', request: { kind: 'start' } });
    await next('metrics', (e) => e.step >= 5);
    await send({ type: 'generative', request: { kind: 'pause' } });
    await send({ type: 'generative', request: { kind: 'readWeights', id: 2 } });
    const trained = await next('weights', (e) => e.id === 2);
    expect(trained.mode).toBe('autoencoder');
    expect(trained.discriminator).toBeUndefined();
    expect(trained.layers.map((l) => l.kind)).toEqual(initial.layers.map((l) => l.kind));
    expect(trained.layers[0].tensors[0].data).not.toEqual(initial.layers[0].tensors[0].data);

    // A tensor of the wrong shape is refused by name and nothing changes.
    const bad = trained.layers.map((l, i) =>
      i === 0
        ? {
            ...l,
            tensors: [{ ...l.tensors[0], shape: [1], data: new Float32Array(1) }, ...l.tensors.slice(1)],
          }
        : l,
    );
    await send({ type: 'generative', request: { kind: 'setWeights', id: 3, layers: bad } });
    expect((await next('failed', (e) => e.id === 3)).message).toMatch(
      /^layer 1 \(Conv2d\) weight has shape \[1\]/,
    );
    // Loading the trained weights back previews them: that reconstruction is the session's own.
    await send({ type: 'generative', request: { kind: 'setWeights', id: 4, layers: trained.layers } });
    const loaded = await next('weightsSet', (e) => e.id === 4);
    const order = () => h.of('generative').map((e) => e.event);
    const shown = await next('reconstructions', (e) => order().indexOf(e) > order().indexOf(loaded));

    const zip = exportBundle(spec, hyper, trained.layers);
    const names = unzip(zip).map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['model.py', 'weights.safetensors', 'train.py']));
    await h.send({ type: 'dispose' });
    if (!torch.version) {
      if (torch.required) throw new Error(`REQUIRE_TORCH=1 but ${torch.reason}`);
      return;
    }
    const folder = join(dir, 'ae');
    mkdirSync(folder);
    for (const f of unzip(zip)) writeFileSync(join(folder, f.name), f.data);
    const image = shown.originals.slice(0, 784);
    const inputs = join(folder, 'inputs.safetensors');
    writeFileSync(inputs, writeSafetensors([{ name: 'input', shape: [1, 1, 28, 28], data: image }]));
    const outputs = join(folder, 'outputs.safetensors');
    runScript('run_exported.py', [{ dir: folder, class: planExport(spec).className, inputs, outputs }], dir);
    const read = readSafetensors(new Uint8Array(readFileSync(outputs)));
    if (!read.ok) throw new Error(read.error);
    const out = read.tensors.get('output')!;
    expect(out.shape).toEqual([1, 1, 28, 28]);
    expectClose(out.data, shown.reconstructions.slice(0, 784), 'PyTorch vs the session reconstruction');
  }, 180_000);

  it("give a GAN's generator and discriminator, and take them back only together", async () => {
    const h = createHarness();
    await h.send({ type: 'init', forceCpu: true });
    await h.waitFor('ready');
    await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
    await h.waitFor('datasetReady');
    const next = <K extends GenerativeEvent['kind']>(kind: K, test: (e: Of<K>) => boolean) =>
      h
        .waitFor('generative', (e: EventOf<'generative'>) => e.event.kind === kind && test(e.event as Of<K>))
        .then((e) => e.event as Of<K>);
    const generator = narrowPreset('dcgan-generator', 8).spec;
    const discriminator = narrowPreset('dcgan-discriminator', 8).spec;
    const hyper = { ...DCGAN_HYPER, batchSize: 4 };
    await h.send({ type: 'generative', request: { kind: 'setGan', generator, discriminator, hyper } });
    await h.send({ type: 'generative', request: { kind: 'readWeights', id: 1 } });
    const read = await next('weights', (e) => e.id === 1);
    expect(read.mode).toBe('gan');
    expect(read.layers[0].kind).toBe('Linear');
    expect(read.discriminator?.[0].kind).toBe('Conv2d');
    const layers = read.layers;
    await h.send({ type: 'generative', request: { kind: 'setWeights', id: 2, layers } });
    expect((await next('failed', (e) => e.id === 2)).message).toMatch(/discriminator's weights/);
    const zero = (ls: typeof layers) =>
      ls.map((l) => ({
        ...l,
        tensors: l.tensors.map((t) => ({ ...t, data: new Float32Array(t.data.length) })),
      }));
    await h.send({
      type: 'generative',
      request: { kind: 'setWeights', id: 3, layers: zero(layers), discriminator: read.discriminator },
    });
    await next('weightsSet', (e) => e.id === 3);
    await h.send({ type: 'generative', request: { kind: 'readWeights', id: 4 } });
    const after = await next('weights', (e) => e.id === 4);
    expect(after.layers[0].tensors[0].data.every((v) => v === 0)).toBe(true);
    expect(after.discriminator).toEqual(read.discriminator);
    await h.send({ type: 'dispose' });
  }, 120_000);
});
