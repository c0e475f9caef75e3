import { describe, expect, it } from 'vitest';
import { softmaxAll, softmaxSteps, vectorAt } from './softmax';

describe('softmax in steps', () => {
  it('shifts, exponentiates and divides; huge scores do not overflow', () => {
    const s = softmaxSteps([1, 2, 3]);
    expect(s.shifted).toEqual([-2, -1, 0]);
    expect(s.exps[2]).toBe(1);
    // torch.softmax([1, 2, 3]) = [0.0900, 0.2447, 0.6652].
    [0.09003057, 0.24472847, 0.66524096].forEach((p, i) => expect(s.probabilities[i]).toBeCloseTo(p, 7));
    expect(softmaxSteps([1000, 1000]).probabilities).toEqual([0.5, 0.5]);
  });

  it('over an image, each pixel normalises over the channels', () => {
    // 2 channels of 1×2: pixel 0 has scores (0, 0), pixel 1 has (0, ln 3).
    const data = Float32Array.from([0, 0, 0, Math.log(3)]);
    expect(vectorAt(data, [2, 1, 2], 1)).toEqual([0, Math.fround(Math.log(3))]);
    const out = softmaxAll(data, [2, 1, 2]);
    [0.5, 0.25, 0.5, 0.75].forEach((p, i) => expect(out[i]).toBeCloseTo(p, 6));
    expect(Array.from(softmaxAll(Float32Array.from([0, 0]), [2]))).toEqual([0.5, 0.5]);
  });
});
