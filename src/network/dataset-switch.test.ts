// Every classifier preset takes a user dataset in colour or at a larger size: switched to it, the design
// has no errors (convolution and Linear sizes follow the input) and scores the dataset's classes.
import { describe, expect, it } from 'vitest';
import { analyzeSpec } from './analyze';
import { userInput } from './dataset-input';
import { switchDataset } from './dataset-switch';
import { PRESETS, presetSpec } from './presets';

describe('switching a preset to a user dataset', () => {
  it('adapts every classifier preset to colour and larger images', () => {
    const classifiers = PRESETS.map((p) => presetSpec(p.id)).filter((s) => s.task === 'classification');
    expect(classifiers.length).toBeGreaterThan(3);
    for (const spec of classifiers)
      for (const shape of [
        [3, 32, 32],
        [1, 64, 64],
        [3, 64, 64],
      ] as const) {
        const switched = switchDataset(spec, userInput('user:shapes', 'Shapes', [...shape], 4));
        const analysis = analyzeSpec(switched);
        const errors = analysis.issues.filter((i) => i.severity === 'error').map((i) => i.message);
        expect(errors, `${spec.name} on ${shape.join('×')}`).toEqual([]);
        expect(analysis.layers.at(-1)?.outputShape, `${spec.name} on ${shape.join('×')}`).toEqual([4]);
      }
  });
});
