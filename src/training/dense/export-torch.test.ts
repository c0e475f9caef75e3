// The dense tasks in real PyTorch: an exported model.py draws byte-identical scenes (pixels, label maps and
// boxes) from the same MNIST files as the playground, with clutter and noise on; its demo runs; and
// train.py trains the U-Net and the detector for a few steps on those scenes and writes weights the
// playground imports. Skipped, saying why, where torch is missing; REQUIRE_TORCH=1 makes that a failure.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderScene, TEST_SCENE_SEED } from '../../data/scenes';
import { exportBundle } from '../../network/export/bundle';
import { PYTHON, probeTorch } from '../../network/export/testing/python';
import { randomWeights } from '../../network/export/testing/random-weights';
import { unzip } from '../../network/export/testing/unzip';
import { importWeights } from '../../network/export/weights-file';
import { readSafetensors } from '../../network/export/safetensors';
import { getPreset } from '../../network/presets';
import type { SceneSettings } from '../../network/dense';
import type { NetworkSpec } from '../../network/spec';
import { sceneOptionsOf } from './build';
import { loadMnist, sourceOf } from './testing';
import type { HostDataset } from '../backend';

const torch = probeTorch();
const TIMEOUT = 240_000;
const DATA = fileURLToPath(new URL('../../../public/data/mnist/', import.meta.url));
const SCRIPTS = fileURLToPath(new URL('../../../scripts/torch/', import.meta.url));

const withScene = (spec: NetworkSpec, side: number, scene: SceneSettings): NetworkSpec => ({
  ...spec,
  input: { ...spec.input, shape: [1, side, side] },
  scene,
});

describe.skipIf(!torch.version && !torch.required)('dense tasks in PyTorch', () => {
  let dir = '';
  let host: HostDataset;
  const env = { ...process.env, OMP_NUM_THREADS: '1' };

  function python(cwd: string, args: string[]): string {
    const run = spawnSync(PYTHON, args, { cwd, env, encoding: 'utf8', timeout: TIMEOUT });
    if (run.status !== 0)
      throw new Error(`python3 ${args.join(' ')} failed (${run.status ?? run.signal}):\n${run.stderr}`);
    return run.stdout;
  }

  /** The bundle of a spec unpacked into dir/name, with the MNIST files in its data/. */
  function unpack(spec: NetworkSpec, name: string, hyper: object): string {
    const preset = getPreset(spec.task === 'segmentation' ? 'unet' : 'centernet')!;
    const zip = exportBundle(spec, { ...preset.hyper, ...hyper }, randomWeights(spec, 5));
    const folder = join(dir, name);
    for (const file of unzip(zip)) {
      mkdirSync(dirname(join(folder, file.name)), { recursive: true });
      writeFileSync(join(folder, file.name), file.data);
    }
    return folder;
  }

  beforeAll(async () => {
    if (!torch.version) throw new Error(`REQUIRE_TORCH=1 but ${torch.reason}`);
    dir = mkdtempSync(join(tmpdir(), 'cnn-dense-'));
    host = await loadMnist();
  }, TIMEOUT);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'model.py draws the very scenes the playground draws (clutter and noise on, both splits)',
    () => {
      const scene = { minDigits: 1, maxDigits: 4, minScale: 12, maxScale: 30, clutter: 3, noise: 9 };
      const spec = withScene(getPreset('unet')!.spec, 48, scene);
      const folder = unpack(spec, 'scenes', {});
      const jobs = [
        {
          dir: folder,
          data: DATA,
          split: 'train',
          seed: 7,
          start: 100,
          count: 12,
          out: join(dir, 'train.json'),
        },
        { dir: folder, data: DATA, split: 'test', seed: 7, start: 0, count: 12, out: join(dir, 'test.json') },
      ];
      writeFileSync(join(dir, 'jobs.json'), JSON.stringify(jobs));
      python(dir, [join(SCRIPTS, 'dense_scenes.py'), join(dir, 'jobs.json')]);
      const options = sceneOptionsOf(spec);
      let boxes = 0;
      for (const job of jobs) {
        const split = job.split as 'train' | 'test';
        const theirs = JSON.parse(readFileSync(job.out, 'utf8')) as {
          image: number[];
          mask: number[];
          boxes: number[][];
        }[];
        theirs.forEach((t, i) => {
          const seed = split === 'test' ? TEST_SCENE_SEED : job.seed;
          const ours = renderScene(sourceOf(host, split), options, seed, split, job.start + i);
          expect(t.image).toEqual(Array.from(ours.image));
          expect(t.mask).toEqual(Array.from(ours.mask));
          expect(t.boxes).toEqual(ours.boxes.map((b) => [b.x0, b.y0, b.x1, b.y1, b.label]));
          boxes += t.boxes.length;
        });
      }
      expect(boxes).toBeGreaterThan(24);
    },
    TIMEOUT,
  );

  it(
    "model.py's demo labels and boxes test scenes; train.py trains both tasks on the scenes and saves weights the playground imports",
    () => {
      const scene = { minDigits: 1, maxDigits: 2, minScale: 16, maxScale: 24, clutter: 0, noise: 0 };
      for (const id of ['unet', 'centernet'] as const) {
        const spec = withScene(getPreset(id)!.spec, 32, scene);
        const folder = unpack(spec, `train-${id}`, { batchSize: 4 });
        mkdirSync(join(folder, 'data'));
        for (const file of ['t10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'])
          writeFileSync(join(folder, 'data', file), readFileSync(join(DATA, file)));
        const demo = python(folder, ['model.py']);
        expect(demo).toMatch(
          id === 'unet'
            ? /test scene 3: digits \[.*\]; .* of pixels labelled right/
            : /test scene 3: digits \[.*\]; found/,
        );
        const args = ['train.py', '--data', DATA, '--steps', '4', '--device', 'cpu', '--test-scenes', '16'];
        const out = python(folder, args);
        expect(out).toMatch(
          id === 'unet'
            ? /16 test scenes: pixel accuracy .*, mean IoU 0\.\d+/
            : /16 test scenes: mAP@0\.5 0\.\d+/,
        );
        const trained = readSafetensors(readFileSync(join(folder, 'trained.safetensors')));
        if (!trained.ok) throw new Error(trained.error);
        const imported = importWeights(spec, readFileSync(join(folder, 'trained.safetensors')));
        expect(imported.ok).toBe(true);
      }
    },
    TIMEOUT,
  );
});
