import { describe, expect, it } from 'vitest';
import { presetSpec } from '../presets';
import { randomWeights } from './testing/random-weights';
import { absurdTensor, absurdWeightsWarning, formatMagnitude, largestMagnitude } from './weight-checks';

describe('absurd weights', () => {
  it('finds none in weights of ordinary size', () => {
    expect(absurdTensor(presetSpec('lenet-5'), randomWeights(presetSpec('lenet-5'), 1))).toBeNull();
  });

  it('names the tensor with the largest finite magnitude above the threshold', () => {
    const spec = presetSpec('lenet-5');
    const weights = randomWeights(spec, 1);
    weights[0].tensors[0].data[7] = -3e38;
    weights[2].tensors[1].data[0] = 5e6;
    const found = absurdTensor(spec, weights);
    expect(found).toEqual({ name: 'conv1.weight', largest: expect.closeTo(3e38, -33) });
    expect(absurdWeightsWarning(found!)).toBe(
      'Warning: tensor "conv1.weight" holds values as large as 3.0e+38, far beyond what training makes; training from these weights will likely overflow. Press Reset to start from fresh weights.',
    );
  });

  it('measures and writes magnitudes', () => {
    expect(largestMagnitude(Float32Array.from([1, -7, 3]))).toBe(7);
    expect(largestMagnitude(new Float32Array(0))).toBe(0);
    expect(formatMagnitude(2_500_000)).toBe('2,500,000');
    expect(formatMagnitude(3.4e38)).toBe('3.4e+38');
  });
});
