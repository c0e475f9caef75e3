// The PyTorch round trip against real PyTorch (Debian's python3-torch under /usr/bin/python3):
// playground weights -> model.py + weights.safetensors -> PyTorch outputs, and PyTorch's own
// state_dict -> import -> playground outputs, for every preset. The playground side is computed twice:
// by the CPU reference ops layer by layer, and by the CPU backend the trainer falls back to. Skipped, saying why, where torch is
// missing; REQUIRE_TORCH=1 (set by .ci/run) turns a missing torch into a failure.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSpec } from '../analyze';
import { PRESETS, type Preset } from '../presets';
import { exportModelPy, planExport } from './pytorch-code';
import { readSafetensors, writeSafetensors } from './safetensors';
import { expectClose, probeTorch, runScript } from './testing/python';
import { playgroundForward, trainOnCpuBackend } from './testing/playground-forward';
import { randomWeights, seededRandom, uniformArray } from './testing/random-weights';
import { exportWeights, importWeights } from './weights-file';

const BATCH = 3;
const torch = probeTorch();

/** Fixed inputs for a design: images with values around the normalised range, or latent noise. */
function inputsFor(preset: Preset, seed: number): { shape: number[]; data: Float32Array } {
  const shape = [BATCH, ...preset.spec.input.shape];
  const size = shape.reduce((a, b) => a * b, 1);
  return { shape, data: uniformArray(seededRandom(seed), size, -1, 2) };
}

function readOutput(path: string): { shape: readonly number[]; data: Float32Array } {
  const file = readSafetensors(readFileSync(path));
  if (!file.ok) throw new Error(file.error);
  return file.tensors.get('output')!;
}

const outputShape = (preset: Preset) => [BATCH, ...(analyzeSpec(preset.spec).outputShape ?? [])];

describe.skipIf(!torch.version && !torch.required)(
  `round trip with PyTorch ${torch.version ?? '(missing)'}`,
  () => {
    let dir = '';
    beforeAll(() => {
      if (!torch.version) throw new Error(`REQUIRE_TORCH=1 but ${torch.reason}`);
      dir = mkdtempSync(join(tmpdir(), 'cnn-torch-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    /** Writes model.py (and optionally weights) for a preset into a fresh folder. */
    function stage(name: string, preset: Preset, seed: number) {
      const folder = join(dir, name);
      mkdirSync(folder);
      writeFileSync(join(folder, 'model.py'), exportModelPy(preset.spec));
      const input = inputsFor(preset, seed);
      const inputs = join(folder, 'inputs.safetensors');
      writeFileSync(inputs, writeSafetensors([{ name: 'input', ...input }]));
      return { folder, input, inputs, outputs: join(folder, 'outputs.safetensors') };
    }

    describe('playground -> PyTorch: the exported model.py reproduces the playground forward pass', () => {
      // Classifiers are exported after a few training steps of the CPU backend (the trainer runs only
      // classifiers); the rest with seeded random weights, BatchNorm statistics far from 0 and 1.
      const cases = PRESETS.map((preset, i) => {
        const initial = randomWeights(preset.spec, 100 + i);
        const trained = preset.spec.task === 'classification';
        const weights = trained ? trainOnCpuBackend(preset.spec, initial, 3, seededRandom(150 + i)) : initial;
        return { preset, weights, trained };
      });
      it('trained the classifiers before exporting them', () => {
        const lenet = cases[0];
        expect(lenet.trained).toBe(true);
        expect(lenet.weights[0].tensors[0].data).not.toEqual(
          randomWeights(lenet.preset.spec, 100)[0].tensors[0].data,
        );
      });
      const staged = new Map<string, ReturnType<typeof stage>>();
      beforeAll(() => {
        const jobs = cases.map(({ preset, weights }, i) => {
          const s = stage(`to-torch-${preset.id}`, preset, 200 + i);
          writeFileSync(join(s.folder, 'weights.safetensors'), exportWeights(preset.spec, weights));
          staged.set(preset.id, s);
          return {
            dir: s.folder,
            class: planExport(preset.spec).className,
            inputs: s.inputs,
            outputs: s.outputs,
          };
        });
        runScript('run_exported.py', jobs, dir);
      });
      it.each(cases.map((c) => [c.preset.id, c] as const))('%s', (_, { preset, weights }) => {
        const s = staged.get(preset.id)!;
        const torchOut = readOutput(s.outputs);
        expect(torchOut.shape).toEqual(outputShape(preset));
        const backend = playgroundForward(preset.spec, weights, s.input.data, BATCH);
        expectClose(torchOut.data, backend, `${preset.id} vs the CPU backend`);
      });
    });

    describe("PyTorch -> playground: PyTorch's state_dict imports and reproduces PyTorch's outputs", () => {
      const cases = [
        ...PRESETS.map((preset) => ({ name: preset.id, preset, dtype: 'float32' })),
        { name: 'lenet-5 saved as F16', preset: PRESETS[0], dtype: 'float16' },
      ];
      const staged = new Map<string, ReturnType<typeof stage> & { weights: string }>();
      beforeAll(() => {
        const jobs = cases.map(({ name, preset, dtype }, i) => {
          const s = { ...stage(`from-torch-${i}`, preset, 300 + i), weights: '' };
          s.weights = join(s.folder, 'torch.safetensors');
          staged.set(name, s);
          const className = planExport(preset.spec).className;
          return {
            dir: s.folder,
            class: className,
            seed: 400 + i,
            dtype,
            inputs: s.inputs,
            weights: s.weights,
            outputs: s.outputs,
          };
        });
        runScript('save_safetensors.py', jobs, dir);
      });
      const imported = (name: string, preset: Preset) => {
        const result = importWeights(preset.spec, readFileSync(staged.get(name)!.weights));
        if (!result.ok) throw new Error(result.error);
        return result.weights;
      };
      it.each(cases.map((c) => [c.name, c] as const))('%s', (name, { preset }) => {
        const s = staged.get(name)!;
        const torchOut = readOutput(s.outputs).data;
        const weights = imported(name, preset);
        const backend = playgroundForward(preset.spec, weights, s.input.data, BATCH);
        expectClose(backend, torchOut, `${name}: the CPU backend`);
      });
    });
  },
);
