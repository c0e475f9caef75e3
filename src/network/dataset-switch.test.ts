// Every classifier preset takes a user dataset in colour or at a larger size: switched to it, the design
// has no errors (convolution and Linear sizes follow the input) and scores the dataset's classes.
import { describe, expect, it } from 'vitest';
import { analyzeSpec } from './analyze';
import { userInput } from './dataset-input';
import { switchDataset } from './dataset-switch';
import { PRESETS, presetSpec } from './presets';

describe('switching a preset to a user dataset', () => {
  it('adapts every classifier preset to colour and larger images, up to 96×96', () => {
    const classifiers = PRESETS.map((p) => presetSpec(p.id)).filter((s) => s.task === 'classification');
    expect(classifiers.length).toBeGreaterThan(3);
    for (const spec of classifiers)
      for (const shape of [
        [3, 32, 32],
        [1, 64, 64],
        [3, 64, 64],
        [3, 96, 96],
      ] as const) {
        const switched = switchDataset(spec, userInput('user:shapes', 'Shapes', [...shape], 4));
        const analysis = analyzeSpec(switched);
        const errors = analysis.issues.filter((i) => i.severity === 'error').map((i) => i.message);
        expect(errors, `${spec.name} on ${shape.join('×')}`).toEqual([]);
        expect(analysis.layers.at(-1)?.outputShape, `${spec.name} on ${shape.join('×')}`).toEqual([4]);
      }
  });

  it('refuses a design at 96×96 whose training step would not fit, with the numbers', () => {
    const spec = switchDataset(
      presetSpec('pytorch-tutorial-cnn'),
      userInput('user:photos', 'Photos', [3, 96, 96], 4),
    );
    expect(analyzeSpec(spec, { batchSize: 64 }).valid).toBe(true);
    const big = analyzeSpec(spec, { batchSize: 256 });
    expect(big.valid).toBe(false);
    expect(big.memory.totalBytes).toBeGreaterThan(2 ** 30);
    const words = big.issues.map((i) => i.message).join(' ');
    expect(words).toContain(
      'its output for a batch of 256 is 256×32×96×96 values = 288 MiB, more than the 128 MiB',
    );
    expect(words).toMatch(/about 2\.0 GiB of GPU memory for a batch of 256 .* more than the 1 GiB available/);
  });
});
