// The exported .zip as a student meets it: Python's zipfile opens it (checking every CRC), every .py
// file compiles, and `python3 model.py` prints what the playground computes for the shipped test images,
// or for MNIST files in data/, and runs on random pixels with neither; torchvision is hidden throughout.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPreset, type PresetId } from '../presets';
import { exportBundle } from './bundle';
import { exportGanBundle } from './gan-code';
import { INPUT_NORMALIZATION } from './normalization';
import { mnistSubset, writeMnistIdx } from './testing/mnist-subset';
import { probeTorch, runScript, withoutTorchvision } from './testing/python';
import { randomWeights, seededRandom, uniformArray } from './testing/random-weights';
import { playgroundForward } from './testing/playground-forward';

const torch = probeTorch();
const COUNT = 8;
const IDS: PresetId[] = ['lenet-5', 'autoencoder', 'dcgan-generator', 'dcgan-discriminator'];
/** Bundles without samples: their demo reads data/ where it holds MNIST, else random pixels. */
const BARE: { name: string; id: PresetId; data: boolean }[] = [
  { name: 'lenet-5 with data/', id: 'lenet-5', data: true },
  { name: 'lenet-5 bare', id: 'lenet-5', data: false },
  { name: 'autoencoder bare', id: 'autoencoder', data: false },
  { name: 'dcgan-discriminator bare', id: 'dcgan-discriminator', data: false },
];
const NOISE_NOTE =
  'No samples.safetensors, nor MNIST test files in data/: showing 8 images of random pixels.';

function setup(id: PresetId, seed: number) {
  const preset = getPreset(id)!;
  const weights = randomWeights(preset.spec, seed);
  const images = uniformArray(seededRandom(seed + 1), COUNT * 784, 0, 1);
  const labels = Array.from({ length: COUNT }, (_, i) => (i * 3) % 10);
  const zip = exportBundle(preset.spec, preset.hyper, weights, { samples: { images, labels } });
  const { mean, std } = INPUT_NORMALIZATION[preset.spec.task];
  const normalised = images.map((p) => (p - mean) / std);
  const output =
    preset.spec.task === 'generator' ? null : playgroundForward(preset.spec, weights, normalised, COUNT);
  return { preset, weights, zip, images, labels, output };
}

describe.skipIf(!torch.version && !torch.required)('the exported zip in Python', () => {
  const cases = IDS.map((id, i) => setup(id, 500 + 10 * i));
  const results = new Map<string, { names: string[]; stdout: Record<string, string> }>();
  const printed = (id: string, file = 'model.py') => results.get(id)!.stdout[file].trim();
  let dir = '';
  beforeAll(() => {
    if (!torch.version) throw new Error(`REQUIRE_TORCH=1 but ${torch.reason}`);
    dir = mkdtempSync(join(tmpdir(), 'cnn-bundle-'));
    const jobs = cases.map(({ preset, zip }) => {
      writeFileSync(join(dir, `${preset.id}.zip`), zip);
      return { zip: join(dir, `${preset.id}.zip`), dir: join(dir, preset.id) };
    });
    const [g, d] = [cases[2], cases[3]];
    const gan = exportGanBundle(
      { spec: g.preset.spec, hyper: g.preset.hyper, weights: g.weights },
      { spec: d.preset.spec, hyper: d.preset.hyper, weights: d.weights },
      { samples: { images: d.images, labels: d.labels } },
    );
    writeFileSync(join(dir, 'gan.zip'), gan);
    jobs.push({ zip: join(dir, 'gan.zip'), dir: join(dir, 'gan') });
    BARE.forEach(({ id, data }, i) => {
      const preset = getPreset(id)!;
      const zip = join(dir, `bare-${i}.zip`);
      writeFileSync(zip, exportBundle(preset.spec, preset.hyper, randomWeights(preset.spec, 600 + i)));
      // Dotted names and a mix of gzipped and plain files, as the reader must find them.
      if (data) writeMnistIdx(join(dir, `bare-${i}`, 'data'), { test: COUNT }, { dotted: true });
      jobs.push({ zip, dir: join(dir, `bare-${i}`) });
    });
    const out = JSON.parse(runScript('check_bundle.py', jobs, dir, withoutTorchvision(dir))) as {
      names: string[];
      stdout: Record<string, string>;
    }[];
    const names = [...IDS, 'gan', ...BARE.map((b) => b.name)];
    out.forEach((r, i) => results.set(names[i], r));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds model.py, the weights, the samples, a README and, for classifiers and autoencoders, train.py', () => {
    const base = ['model.py', 'weights.safetensors', 'samples.safetensors'];
    expect(results.get('lenet-5')!.names).toEqual([...base, 'train.py', 'convert_pt.py', 'README.txt']);
    expect(results.get('autoencoder')!.names).toEqual([...base, 'train.py', 'convert_pt.py', 'README.txt']);
    expect(results.get('dcgan-generator')!.names).toEqual([...base, 'convert_pt.py', 'README.txt']);
  });

  it("a classifier's model.py predicts the playground's classes for the shipped images", () => {
    const { output, labels } = cases[0];
    const lines = printed('lenet-5').split('\n');
    const expected = labels.map((truth, i) => {
      const logits = output!.subarray(i * 10, i * 10 + 10);
      return `test image ${i}: predicted ${logits.indexOf(Math.max(...logits))}, true ${truth}`;
    });
    expect(lines.slice(0, COUNT)).toEqual(expected);
    expect(lines[COUNT]).toMatch(/^\d of 8 correct$/);
  });

  it("an autoencoder's model.py reports the playground's reconstruction error", () => {
    const { output, images } = cases[1];
    const mse = output!.reduce((sum, v, i) => sum + (v - images[i]) ** 2, 0) / images.length;
    const match = /test images \(pixels in 0\.\.1\): ([\d.]+)$/.exec(printed('autoencoder'));
    expect(Number(match![1])).toBeCloseTo(mse, 4);
  });

  it("a generator's model.py draws images in Tanh's range", () => {
    const match = /^8 samples of shape \[1, 28, 28\]: mean (\S+), std (\S+), min (\S+), max (\S+)$/.exec(
      printed('dcgan-generator'),
    );
    const [mean, std, min, max] = match!.slice(1).map(Number);
    expect(std).toBeGreaterThan(0);
    expect(min).toBeGreaterThanOrEqual(-1);
    expect(max).toBeLessThanOrEqual(1);
    expect(mean).toBeGreaterThan(min);
  });

  it("a discriminator's model.py gives the playground's P(real) for each image", () => {
    const { output } = cases[3];
    expect(printed('dcgan-discriminator').split('\n')).toEqual(
      [...output!].map((logit, i) => `test image ${i}: P(real) = ${(1 / (1 + Math.exp(-logit))).toFixed(3)}`),
    );
  });

  it('a GAN zip holds both halves, each running alone with the same output as its own zip', () => {
    expect(results.get('gan')!.names).toEqual([
      'generator/model.py',
      'generator/weights.safetensors',
      'discriminator/model.py',
      'discriminator/weights.safetensors',
      'discriminator/samples.safetensors',
      'train.py',
      'convert_pt.py',
      'README.txt',
    ]);
    expect(printed('gan', 'generator/model.py')).toBe(printed('dcgan-generator'));
    expect(printed('gan', 'discriminator/model.py')).toBe(printed('dcgan-discriminator'));
  });

  it("reads MNIST's IDX files from data/ without samples, predicting what the playground predicts", () => {
    const preset = getPreset('lenet-5')!;
    const test = mnistSubset('test', COUNT);
    const { mean, std } = INPUT_NORMALIZATION.classification;
    const input = Float32Array.from(test.images, (p) => (p / 255 - mean) / std);
    const logits = playgroundForward(preset.spec, randomWeights(preset.spec, 600), input, COUNT);
    const expected = [...test.labels].map((truth, i) => {
      const row = [...logits.subarray(i * 10, i * 10 + 10)];
      return `test image ${i}: predicted ${row.indexOf(Math.max(...row))}, true ${truth}`;
    });
    const lines = printed('lenet-5 with data/').split('\n');
    expect(lines.slice(0, COUNT)).toEqual(expected);
    expect([...test.labels]).toEqual([7, 2, 1, 0, 4, 1, 4, 9]);
    expect(lines[COUNT]).toMatch(/^\d of 8 correct$/);
  });

  it('runs the demo on random pixels, saying so, with neither samples nor data/ nor torchvision', () => {
    const lenet = printed('lenet-5 bare').split('\n');
    expect(lenet[0]).toBe(NOISE_NOTE);
    expect(lenet.slice(1)).toHaveLength(COUNT);
    lenet.slice(1).forEach((line, i) => expect(line).toMatch(new RegExp(`^test image ${i}: predicted \\d$`)));
    expect(printed('autoencoder bare').split('\n')).toEqual([
      NOISE_NOTE,
      expect.stringMatching(/^reconstruction MSE over 8 test images \(pixels in 0\.\.1\): \d\.\d{5}$/),
    ]);
    const judged = printed('dcgan-discriminator bare').split('\n');
    expect(judged[0]).toBe(NOISE_NOTE);
    judged
      .slice(1)
      .forEach((line, i) =>
        expect(line).toMatch(new RegExp(`^test image ${i}: P\\(real\\) = [01]\\.\\d{3}$`)),
      );
    expect(judged).toHaveLength(COUNT + 1);
  });
});
