// convert_pt.py against real PyTorch checkpoints: a DistributedDataParallel checkpoint dict (zip format)
// and a legacy-format state_dict convert to the same tensors PyTorch holds, which the playground then
// imports; a whole pickled model is refused. The app itself refuses each .pt file, naming the converter.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetSpec } from '../presets';
import { exportConvertPy } from './convert-code';
import { exportModelPy, planExport } from './pytorch-code';
import { readSafetensors } from './safetensors';
import { isIgnoredKey } from './state-dict';
import { PYTHON, probeTorch, runScript } from './testing/python';
import { TORCH_PICKLE_MESSAGE } from './torch-pickle';
import { importWeights } from './weights-file';

const torch = probeTorch();
const spec = presetSpec('dcgan-discriminator');

describe.skipIf(!torch.version && !torch.required)('convert_pt.py with PyTorch checkpoints', () => {
  let dir = '';
  const convert = (...args: string[]) =>
    spawnSync(PYTHON, [join(dir, 'convert_pt.py'), ...args], { encoding: 'utf8', timeout: 120_000 });
  const tensors = (path: string) => {
    const file = readSafetensors(readFileSync(path), { ignore: isIgnoredKey });
    if (!file.ok) throw new Error(file.error);
    return file.tensors;
  };

  beforeAll(() => {
    if (!torch.version) throw new Error(`REQUIRE_TORCH=1 but ${torch.reason}`);
    dir = mkdtempSync(join(tmpdir(), 'cnn-convert-'));
    const model = join(dir, 'model');
    mkdirSync(model);
    writeFileSync(join(model, 'model.py'), exportModelPy(spec));
    writeFileSync(join(dir, 'convert_pt.py'), exportConvertPy());
    runScript(
      'save_checkpoints.py',
      [{ dir: model, class: planExport(spec).className, seed: 5, out: dir }],
      dir,
    );
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'converts a DDP checkpoint dict and a legacy state_dict to the tensors PyTorch saved',
    { timeout: 60_000 },
    () => {
      const expected = tensors(join(dir, 'expected.safetensors'));
      const run = convert(join(dir, 'checkpoint.pt'));
      if (run.status !== 0) throw new Error(run.stderr);
      expect(run.stdout).toBe(
        `wrote ${join(dir, 'checkpoint.safetensors')}: ${expected.size} tensors as F32 ` +
          '(left out, not floating point: bn1.num_batches_tracked)\n',
      );
      const legacy = convert(join(dir, 'legacy.pt'), join(dir, 'legacy.safetensors'));
      if (legacy.status !== 0) throw new Error(legacy.stderr);
      for (const path of ['checkpoint.safetensors', 'legacy.safetensors']) {
        const converted = tensors(join(dir, path));
        expect([...converted.keys()]).toEqual([...expected.keys()]);
        for (const [name, tensor] of expected) expect(converted.get(name)).toEqual(tensor);
        const imported = importWeights(spec, readFileSync(join(dir, path)));
        expect(imported.ok).toBe(true);
      }
    },
  );

  it(
    'refuses a whole pickled model without running it, saying how to save the weights alone',
    { timeout: 60_000 },
    () => {
      const run = convert(join(dir, 'module.pt'));
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('module.pt holds more than tensors, such as a whole pickled model');
      expect(run.stderr).toContain('torch.save(torch.load(path).state_dict(), path)');
      // The model's class is named, never imported: its module is not even importable here.
      expect(run.stderr).toContain(
        '(checkpoint_model_0.DCGANDiscriminator is not a tensor or a plain container)',
      );
    },
  );

  it('makes the app refuse each .pt file, naming the converter', () => {
    for (const file of ['checkpoint.pt', 'legacy.pt', 'module.pt']) {
      const result = importWeights(spec, readFileSync(join(dir, file)));
      expect(result.ok ? 'loaded' : result.error).toBe(TORCH_PICKLE_MESSAGE);
    }
  });
});
