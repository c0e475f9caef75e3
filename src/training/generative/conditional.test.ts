// The conditional GAN's host packing: which pairs are conditional, the generator's one-hot digits, the
// discriminator's digit planes and the image part of its input gradient.
import { describe, expect, it } from 'vitest';
import { describeModel } from '../../model/describe';
import { CONDITION_CLASSES } from '../../network/cgan-presets';
import { Prng } from '../prng';
import {
  conditionClasses,
  conditionalNoise,
  digitGrid,
  digitsOf,
  imageGrads,
  packPlanes,
  withDigits,
} from './conditional';
import { narrowPreset } from './narrow-presets';

describe('conditional GAN packing', () => {
  it('tells a conditional pair from its shapes, and says what fits when neither does', () => {
    const g = narrowPreset('dcgan-generator', 8).desc;
    const d = narrowPreset('dcgan-discriminator', 8).desc;
    expect(conditionClasses(g, d)).toBe(0);
    const cg = narrowPreset('cgan-generator', 8).desc;
    const cd = narrowPreset('cgan-discriminator', 8).desc;
    expect(conditionClasses(cg, cd)).toBe(CONDITION_CLASSES);
    const odd = describeModel(
      [3, 28, 28],
      [{ kind: 'Flatten' }, { kind: 'Linear', in_features: 2352, out_features: 1, bias: true }],
    );
    expect(() => conditionClasses(g, odd)).toThrow(
      'the generator makes [1×28×28] but the discriminator reads [3×28×28] (the same, or with 10 digit planes more for a conditional GAN)',
    );
    // Ten planes more, but a generator whose input has no room for the one-hot digit.
    const tiny = describeModel(
      [4],
      [
        { kind: 'Linear', in_features: 4, out_features: 784, bias: true },
        { kind: 'Unflatten', unflattened_size: [1, 28, 28] },
      ],
    );
    expect(() => conditionClasses(tiny, cd)).toThrow(
      'a conditional generator reads noise then 10 one-hot digit values',
    );
  });

  it('appends one-hot digits to noise rows and reads them back', () => {
    const z = withDigits(Float32Array.of(0.5, -1, 2, 3), 2, [7, 0]);
    expect(z.length).toBe(2 * 12);
    expect([...z.subarray(0, 2)]).toEqual([0.5, -1]);
    expect([...z.subarray(2, 12)]).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 0, 0]);
    expect([...z.subarray(12, 14)]).toEqual([2, 3]);
    const digits = new Uint32Array(2);
    digitsOf(z, 12, CONDITION_CLASSES, digits);
    expect([...digits]).toEqual([7, 0]);
    // Training draws every digit, each row one-hot.
    const drawn = conditionalNoise(new Prng(3), 500, 4);
    const seen = new Uint32Array(500);
    digitsOf(drawn, 14, CONDITION_CLASSES, seen);
    expect(new Set(seen).size).toBe(CONDITION_CLASSES);
    for (let r = 0; r < 500; r++) {
      const hot = drawn.subarray(r * 14 + 4, (r + 1) * 14);
      expect(hot.reduce((a, b) => a + b)).toBe(1);
    }
  });

  it('lays the grid out a row per digit, each column one noise vector', () => {
    const grid = digitGrid(Float32Array.of(0.5, -0.5), 1, CONDITION_CLASSES);
    expect(grid.length).toBe(2 * CONDITION_CLASSES * 11);
    const digits = new Uint32Array(2 * CONDITION_CLASSES);
    digitsOf(grid, 11, CONDITION_CLASSES, digits);
    expect([...digits]).toEqual(Array.from({ length: 20 }, (_, i) => Math.floor(i / 2)));
    expect(Array.from({ length: 20 }, (_, i) => grid[i * 11])).toEqual(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 0.5 : -0.5)),
    );
  });

  it("packs each image with its digit's plane set to 1, and unpacks the image channel's gradient", () => {
    // Two 3-pixel images, three classes of 3-pixel planes.
    const images = Float32Array.of(1, 2, 3, 4, 5, 6);
    const out = new Float32Array(2 * 12).fill(9);
    packPlanes(images, [2, 0], 2, 3, 3, 3, out);
    expect([...out]).toEqual([1, 2, 3, 0, 0, 0, 0, 0, 0, 1, 1, 1, 4, 5, 6, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    const grads = new Float32Array(6);
    imageGrads(
      Float32Array.from({ length: 24 }, (_, i) => i),
      2,
      3,
      grads,
    );
    expect([...grads]).toEqual([0, 1, 2, 12, 13, 14]);
  });
});
