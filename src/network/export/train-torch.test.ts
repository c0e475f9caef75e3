// train.py as a student runs it, with PyTorch alone: torchvision is hidden (an `import torchvision` that
// fails) and MNIST comes from local IDX files in torchvision's folder layout. LeNet-5 trains a few hundred
// steps and its loss falls; two processes under torchrun (CPU, gloo) end with the weights one process
// reaches over the same global batches; the autoencoder's and the GAN's train.py run and write weights
// that the playground imports. Kept small: a 2,048-image subset, one thread per process.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPreset, type PresetId } from '../presets';
import { exportBundle } from './bundle';
import { exportGanBundle } from './gan-code';
import { readSafetensors } from './safetensors';
import { writeMnistIdx } from './testing/mnist-subset';
import { PYTHON, probeTorch, withoutTorchvision } from './testing/python';
import { randomWeights } from './testing/random-weights';
import { unzip } from './testing/unzip';
import { importWeights } from './weights-file';

const torch = probeTorch();
const TIMEOUT = 180_000;

describe.skipIf(!torch.version && !torch.required)('train.py with PyTorch alone', () => {
  let dir = '';
  let data = '';
  let env: NodeJS.ProcessEnv = {};

  /** Writes a bundle's files into `folder`. */
  function unpack(zip: Uint8Array, folder: string): string {
    for (const file of unzip(zip)) {
      mkdirSync(dirname(join(folder, file.name)), { recursive: true });
      writeFileSync(join(folder, file.name), file.data);
    }
    return folder;
  }

  function bundle(id: PresetId, hyper: object, folder: string = id): string {
    const preset = getPreset(id)!;
    const zip = exportBundle(preset.spec, { ...preset.hyper, ...hyper }, randomWeights(preset.spec, 21));
    return unpack(zip, join(dir, folder));
  }

  /** Runs python with `args` in `cwd`; returns stdout, or throws with stderr. */
  function python(cwd: string, args: string[]): string {
    const run = spawnSync(PYTHON, args, { cwd, env, encoding: 'utf8', timeout: TIMEOUT });
    if (run.status !== 0)
      throw new Error(`python3 ${args.join(' ')} failed (${run.status ?? run.signal}):\n${run.stderr}`);
    return run.stdout;
  }

  function weightsOf(path: string) {
    const file = readSafetensors(readFileSync(path));
    if (!file.ok) throw new Error(file.error);
    return file.tensors;
  }

  beforeAll(() => {
    if (!torch.version) throw new Error(`REQUIRE_TORCH=1 but ${torch.reason}`);
    dir = mkdtempSync(join(tmpdir(), 'cnn-train-'));
    env = withoutTorchvision(dir);
    data = join(dir, 'data');
    writeMnistIdx(join(data, 'MNIST', 'raw'), { train: 2048, test: 512 });
  }, TIMEOUT);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'cannot import torchvision, and --download says it is needed',
    () => {
      const probe = spawnSync(PYTHON, ['-c', 'import torchvision'], { env, encoding: 'utf8' });
      expect(probe.status).toBe(1);
      expect(probe.stderr).toContain('ImportError: torchvision is hidden by this test');
      const folder = bundle('lenet-5', {}, 'lenet-download');
      const run = spawnSync(PYTHON, ['train.py', '--data', join(dir, 'empty'), '--download'], {
        cwd: folder,
        env,
        encoding: 'utf8',
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('--download needs torchvision, which is not installed');
    },
    TIMEOUT,
  );

  it(
    'trains LeNet-5 for 384 steps from local IDX files, its loss falling',
    () => {
      const folder = bundle('lenet-5', { batchSize: 16, epochs: 3, seed: 7 });
      const out = python(folder, ['train.py', '--data', data, '--device', 'cpu']);
      const epochs = [...out.matchAll(/^epoch (\d): train loss ([\d.]+), test accuracy ([\d.]+)%$/gm)];
      expect(epochs.map((m) => m[1])).toEqual(['1', '2', '3']);
      const losses = epochs.map((m) => Number(m[2]));
      expect(losses[1]).toBeLessThan(losses[0]);
      expect(losses[2]).toBeLessThan(losses[1]);
      expect(losses[2]).toBeLessThan(0.6 * losses[0]);
      // Ten classes: 10% is chance; 2,048 images and 384 steps reach far past it.
      expect(Number(epochs[2][3])).toBeGreaterThan(60);
      const imported = importWeights(
        getPreset('lenet-5')!.spec,
        readFileSync(join(folder, 'trained.safetensors')),
      );
      expect(imported.ok).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'under torchrun, two processes reach the weights of one over the same global batches',
    () => {
      const folder = bundle('lenet-5', { batchSize: 16 }, 'lenet-ddp');
      const common = ['--data', data, '--device', 'cpu', '--limit', '256', '--epochs', '1'];
      const single = python(folder, ['train.py', ...common, '--out', 'single.safetensors']);
      // --redirects/--tee: torchrun of PyTorch 1.13 on Python 3.11 cannot parse their defaults (README.txt).
      const launcher = [
        '-m',
        'torch.distributed.run',
        '--standalone',
        '--nproc_per_node=2',
        '--redirects',
        '9:0',
        '--tee',
        '9:0',
      ];
      const ddp = python(folder, [...launcher, 'train.py', ...common, '--out', 'ddp.safetensors']);
      // Only rank 0 reports, and its metrics are summed over both processes: the single process's numbers.
      const report = (text: string) =>
        [...text.matchAll(/^epoch 1: train loss ([\d.]+), test accuracy ([\d.]+)%$/gm)].map((m) =>
          m.slice(1).map(Number),
        );
      expect(report(ddp)).toHaveLength(1);
      const [[loss, accuracy]] = report(single);
      expect(report(ddp)[0][0]).toBeCloseTo(loss, 3);
      expect(report(ddp)[0][1]).toBeCloseTo(accuracy, 0);
      const [one, two] = [
        weightsOf(join(folder, 'single.safetensors')),
        weightsOf(join(folder, 'ddp.safetensors')),
      ];
      const initial = weightsOf(join(folder, 'weights.safetensors'));
      expect([...two.keys()]).toEqual([...one.keys()]);
      for (const [name, tensor] of one) {
        const other = two.get(name)!.data;
        tensor.data.forEach((v, i) => {
          if (!(Math.abs(v - other[i]) <= 1e-5 + 1e-5 * Math.abs(v)))
            throw new Error(`${name}[${i}]: one process ${v}, two processes ${other[i]}`);
        });
        expect(tensor.data).not.toEqual(initial.get(name)!.data);
      }
    },
    TIMEOUT,
  );

  it(
    'trains the autoencoder and the GAN with their own train.py, into weights the playground imports',
    () => {
      const autoencoder = bundle('autoencoder', { batchSize: 32, epochs: 1 });
      const ae = python(autoencoder, ['train.py', '--data', data, '--device', 'cpu', '--limit', '256']);
      expect(ae).toMatch(/^epoch 1: train loss [\d.]+, test loss [\d.]+$/m);
      const aeSpec = getPreset('autoencoder')!.spec;
      expect(importWeights(aeSpec, readFileSync(join(autoencoder, 'trained.safetensors'))).ok).toBe(true);
      // The VAE's train.py adds its Reparameterize module's KL term to the loss, as the playground does.
      const vae = bundle('vae', { batchSize: 32, epochs: 1 });
      expect(readFileSync(join(vae, 'train.py'), 'utf8')).toContain(
        ' + sum(m.kl for m in model.modules() if isinstance(m, Reparameterize))',
      );
      const vaeRun = python(vae, ['train.py', '--data', data, '--device', 'cpu', '--limit', '256']);
      expect(vaeRun).toMatch(/^epoch 1: train loss [\d.]+, test loss [\d.]+$/m);
      const vaeSpec = getPreset('vae')!.spec;
      expect(importWeights(vaeSpec, readFileSync(join(vae, 'trained.safetensors'))).ok).toBe(true);

      const [g, d] = [getPreset('dcgan-generator')!, getPreset('dcgan-discriminator')!];
      const gan = unpack(
        exportGanBundle(
          {
            spec: g.spec,
            hyper: { ...g.hyper, batchSize: 32, epochs: 1 },
            weights: randomWeights(g.spec, 3),
          },
          { spec: d.spec, hyper: d.hyper, weights: randomWeights(d.spec, 4) },
        ),
        join(dir, 'gan'),
      );
      const out = python(gan, ['train.py', '--data', data, '--device', 'cpu', '--limit', '64']);
      expect(out).toMatch(/^epoch 1: discriminator loss [\d.]+, generator loss [\d.]+$/m);
      for (const half of [g, d]) {
        const folder = half === g ? 'generator' : 'discriminator';
        const bytes = readFileSync(join(gan, folder, 'trained.safetensors'));
        expect(importWeights(half.spec, bytes).ok).toBe(true);
        expect(bytes).not.toEqual(readFileSync(join(gan, folder, 'weights.safetensors')));
      }

      // The conditional pair: forward(z, y) and forward(x, y) pack the digits themselves; train.py asks
      // for drawn digits and shows D the real images' labels.
      const [cg, cd] = [getPreset('cgan-generator')!, getPreset('cgan-discriminator')!];
      const cgan = unpack(
        exportGanBundle(
          {
            spec: cg.spec,
            hyper: { ...cg.hyper, batchSize: 32, epochs: 1 },
            weights: randomWeights(cg.spec, 5),
          },
          { spec: cd.spec, hyper: cd.hyper, weights: randomWeights(cd.spec, 6) },
        ),
        join(dir, 'cgan'),
      );
      expect(readFileSync(join(cgan, 'generator', 'model.py'), 'utf8')).toContain('def forward(self, z, y):');
      expect(readFileSync(join(cgan, 'discriminator', 'model.py'), 'utf8')).toContain(
        'def forward(self, x, y):',
      );
      expect(python(cgan, ['generator/model.py'])).toMatch(/^10 samples of shape \[1, 28, 28\]/m);
      const cOut = python(cgan, ['train.py', '--data', data, '--device', 'cpu', '--limit', '64']);
      expect(cOut).toMatch(/^epoch 1: discriminator loss [\d.]+, generator loss [\d.]+$/m);
      for (const [half, folder] of [
        [cg, 'generator'],
        [cd, 'discriminator'],
      ] as const) {
        const bytes = readFileSync(join(cgan, folder, 'trained.safetensors'));
        expect(importWeights(half.spec, bytes).ok).toBe(true);
        expect(bytes).not.toEqual(readFileSync(join(cgan, folder, 'weights.safetensors')));
      }
    },
    TIMEOUT,
  );
});
