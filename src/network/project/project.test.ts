import { describe, expect, it } from 'vitest';
import { exportWeights } from '../export/weights-file';
import { randomWeights } from '../export/testing/random-weights';
import { writeZip } from '../export/zip';
import { DEFAULT_HYPER } from '../hyper';
import { getPreset, presetSpec } from '../presets';
import { serializeHyper, serializeSpec } from '../serialize';
import type { NetworkSpec } from '../spec';
import { manifestText } from './manifest';
import { projectFileName, readProject, writeProject } from './project';

const lenet = () => presetSpec('lenet-5');
const hyper = { ...getPreset('lenet-5')!.hyper, lr: 0.02, seed: 7 };
const createdAt = new Date(Date.UTC(2026, 10, 25, 9, 30, 0));
const text = (s: string) => new TextEncoder().encode(s);

function errorOf(bytes: Uint8Array, options = {}): string {
  const read = readProject(bytes, options);
  if (read.ok) throw new Error('expected a refusal');
  return read.error;
}

/** A project archive with a hand-made project.json (and optional weights), to test each refusal. */
function archive(json: string, weights?: Uint8Array): Uint8Array {
  const entries: { name: string; data: Uint8Array }[] = [{ name: 'project.json', data: text(json) }];
  if (weights) entries.push({ name: 'weights.safetensors', data: weights });
  return writeZip(entries);
}

/** Where `needle` first occurs in `bytes` (the local header's name comes before the central directory's). */
function findBytes(bytes: Uint8Array, needle: Uint8Array): number {
  for (let i = 0; i + needle.length <= bytes.length; i++)
    if (needle.every((b, j) => bytes[i + j] === b)) return i;
  throw new Error('not found');
}

function manifest(spec: NetworkSpec = lenet(), extra: Record<string, unknown> = {}): string {
  const json = JSON.parse(
    manifestText({
      spec,
      hyper,
      dataset: spec.input.dataset,
      createdAt: createdAt.toISOString(),
      hasWeights: false,
    }),
  ) as Record<string, unknown>;
  return JSON.stringify({ ...json, ...extra });
}

describe('writeProject / readProject', () => {
  it('round-trips design, hyperparameters, dataset, time and every weight bit for bit', () => {
    const spec = lenet();
    const weights = randomWeights(spec, 3);
    const bytes = writeProject({ spec, hyper, weights, createdAt });
    const read = readProject(bytes);
    if (!read.ok) throw new Error(read.error);
    const { project } = read;
    expect(serializeSpec(project.spec)).toBe(serializeSpec(spec));
    expect(serializeHyper(project.hyper)).toBe(serializeHyper(hyper));
    expect(project.dataset).toBe('mnist');
    expect(project.createdAt).toBe('2026-11-25T09:30:00.000Z');
    expect(project.weights).toEqual(weights);
    // The same input gives the same bytes.
    expect(writeProject({ spec, hyper, weights, createdAt })).toEqual(bytes);
  });

  it('round-trips an untrained project and a Fashion-MNIST design with BatchNorm', () => {
    const plain = readProject(writeProject({ spec: lenet(), hyper: DEFAULT_HYPER }));
    expect(plain.ok && plain.project.weights).toBe(null);
    const spec = {
      ...presetSpec('tiny-cnn'),
      input: { dataset: 'fashion-mnist' as const, shape: [1, 28, 28] as [1, 28, 28] },
    };
    const withBn = presetSpec('dcgan-discriminator');
    for (const s of [spec, withBn]) {
      const read = readProject(writeProject({ spec: s, hyper, weights: randomWeights(s, 5) }));
      if (!read.ok) throw new Error(read.error);
      expect(read.project.dataset).toBe(s.input.dataset);
      expect(read.project.weights?.flatMap((l) => l.tensors.map((t) => t.name))).toContain(
        s === withBn ? 'running_var' : 'bias',
      );
    }
  });

  it('names the file after the design', () => {
    expect(projectFileName(lenet())).toBe('lenet-5.cnnp');
    expect(projectFileName({ ...lenet(), name: '  ../My Net!! ' }, '.zip')).toBe('my-net.zip');
    expect(projectFileName({ ...lenet(), name: '' })).toBe('network.cnnp');
  });
});

describe('readProject refuses hostile files with a specific message', () => {
  it('a 100 MB file, before reading it', () => {
    expect(errorOf(new Uint8Array(100 * 1024 * 1024))).toBe(
      'the file is 100.0 MB, more than the 64.0 MB a project may be',
    );
    expect(errorOf(new Uint8Array(0))).toBe('the file is empty');
    // Just over the limit: exact sizes, not "64.0 MB, more than the 64.0 MB".
    expect(errorOf(new Uint8Array(64 * 1024 * 1024 + 1))).toBe(
      'the file is 67,108,865 bytes, more than the 67,108,864 bytes a project may be',
    );
  });

  it('files of another type', () => {
    expect(errorOf(text(serializeSpec(lenet())))).toBe(
      'this is not a CNN Playground project file: it is not a ZIP archive (it does not start with a ZIP file header)',
    );
    expect(errorOf(exportWeights(lenet(), randomWeights(lenet(), 1)))).toMatch(/not a ZIP archive/);
    expect(errorOf(writeZip([{ name: 'model.py', data: text('import torch') }]))).toBe(
      'the project holds an unexpected file "model.py"',
    );
    expect(errorOf(writeZip([]))).toBe('this is not a CNN Playground project file: it has no project.json');
  });

  it('a deflate bomb, by its unpacked size before any byte is inflated', () => {
    // 8 MB of zeros deflate to about 8 KB; the project may be at most 1 MB.
    const entries = [
      { name: 'project.json', data: text(manifest()) },
      { name: 'weights.safetensors', data: new Uint8Array(8 * 1024 * 1024), deflate: true },
    ];
    const bomb = writeZip(entries);
    expect(bomb.length).toBeLessThan(20_000);
    const refusal =
      'this is not a CNN Playground project file: "weights.safetensors" unpacks to 8.0 MB, more than the 1.0 MB allowed';
    expect(errorOf(bomb, { maxBytes: 1024 * 1024 })).toBe(refusal);
    // With its deflate data broken (block type 3 is reserved), inflating would fail as damaged: the same
    // refusal shows that nothing was inflated.
    const broken = bomb.slice();
    const data = findBytes(broken, text('weights.safetensors')) + 'weights.safetensors'.length;
    broken.fill(0xff, data, data + 16);
    expect(errorOf(broken, { maxBytes: 1024 * 1024 })).toBe(refusal);
    expect(errorOf(broken)).toMatch(/"weights\.safetensors" is damaged/);
  });

  it('a damaged archive (wrong CRC, a size that lies)', () => {
    const bytes = writeProject({ spec: lenet(), hyper });
    bytes[40 + 12] ^= 1;
    expect(errorOf(bytes)).toBe(
      'this is not a CNN Playground project file: "project.json" is damaged (its CRC-32 does not match its contents)',
    );
    const lie = writeProject({ spec: lenet(), hyper });
    const view = new DataView(lie.buffer);
    const central = view.getUint32(lie.length - 22 + 16, true);
    for (const at of [18, 22, central + 20, central + 24]) view.setUint32(at, 2 ** 31, true);
    expect(errorOf(lie)).toMatch(/"project.json" claims 2147483648 bytes, more than the archive holds/);
  });

  it('wrong JSON, prototype keys, deep nesting and unknown fields', () => {
    expect(errorOf(archive('{"format": "cnn-playground-project",'))).toMatch(
      /^project.json is not valid JSON/,
    );
    expect(
      errorOf(archive(manifest(lenet(), { __proto__x: 1 }).replace('"__proto__x"', '"__proto__"'))),
    ).toBe('project.json contains the forbidden key __proto__ (at $.__proto__)');
    const polluted = manifest().replace('"kind":"ReLU"', '"kind":"ReLU","constructor":{"prototype":1}');
    expect(errorOf(archive(polluted))).toMatch(/^project.json contains the forbidden key constructor/);
    expect(errorOf(archive('['.repeat(5000) + ']'.repeat(5000)))).toBe(
      'project.json is nested too deeply (more than 16 levels)',
    );
    expect(errorOf(archive(manifest(lenet(), { extra: 1 })))).toBe(
      'project.json has an unknown field "extra"',
    );
    expect(errorOf(archive('"a string"'))).toBe('project.json must hold an object');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a wrong format, a newer version, a bad time or a dataset that disagrees', () => {
    expect(errorOf(archive(manifest(lenet(), { format: 'zip' })))).toMatch(
      /does not say it is a CNN Playground project/,
    );
    expect(errorOf(archive(manifest(lenet(), { version: 3 })))).toBe(
      'the project was saved in format version 3; this app reads versions 1 to 2: update the app',
    );
    expect(errorOf(archive(manifest(lenet(), { createdAt: 'yesterday' })))).toMatch(
      /createdAt must be an ISO 8601/,
    );
    expect(errorOf(archive(manifest(lenet(), { dataset: 'cifar' })))).toBe(
      'project.json: dataset must be one of mnist, fashion-mnist or one of your datasets (user:…)',
    );
    expect(errorOf(archive(manifest(lenet(), { dataset: 'fashion-mnist' })))).toBe(
      'project.json names dataset "fashion-mnist" but its design reads "mnist"',
    );
  });

  it('huge dimensions, bad hyperparameters and designs over the memory limits', () => {
    const huge = lenet();
    huge.layers[0] = { ...huge.layers[0], out_channels: 1e9 } as NetworkSpec['layers'][number];
    expect(errorOf(archive(manifest(huge)))).toMatch(/^the design is not valid: .*out_channels/);
    expect(errorOf(archive(manifest(lenet(), { hyper: { ...hyper, batchSize: 1e9 } })))).toMatch(
      /^the hyperparameters are not valid: /,
    );
    const bytes = writeProject({ spec: lenet(), hyper });
    expect(errorOf(bytes, { limits: { maxTotalBytes: 1024 * 1024 } })).toMatch(
      /^the project's design cannot be built: the model needs about .* MiB of GPU memory for a batch of 64 .* more than the 1 MiB available/,
    );
    const broken = lenet();
    broken.layers.splice(6, 1); // no Flatten before the first Linear
    expect(errorOf(archive(manifest(broken)))).toMatch(
      /^the project's design cannot be built: .*Linear expects a flat input/,
    );
  });

  it('weights with a wrong shape, missing, unlisted or non-finite, naming the tensor', () => {
    const wide = lenet();
    wide.layers[0] = { ...wide.layers[0], out_channels: 8 } as NetworkSpec['layers'][number];
    const wrong = exportWeights(wide, randomWeights(wide, 2));
    const listed = manifest(lenet(), { weights: 'weights.safetensors' });
    expect(errorOf(archive(listed, wrong))).toMatch(
      /^the project's weights do not fit its design: tensor "conv1.weight" has shape \[8,1,5,5\] but this design needs \[6,1,5,5\]/,
    );
    expect(errorOf(archive(listed))).toBe(
      'project.json lists weights.safetensors but the file does not hold it',
    );
    const good = exportWeights(lenet(), randomWeights(lenet(), 2));
    expect(errorOf(archive(manifest(), good))).toBe(
      'the file holds weights.safetensors but project.json does not list it',
    );
    const nan = randomWeights(lenet(), 2);
    nan[2].tensors[1].data[4] = NaN;
    expect(errorOf(archive(listed, exportWeights(lenet(), nan)))).toBe(
      `the project's weights are damaged: tensor "fc1.bias" holds NaN or infinite values`,
    );
    expect(errorOf(archive(listed, text('not safetensors at all')))).toMatch(
      /^the project's weights do not fit its design: this is not a safetensors file/,
    );
  });
});
