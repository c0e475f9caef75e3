// The augmentation reference: tiny images whose every output pixel is worked out by hand, the
// counter-based draw of each sample's transform, and whole augmented batches against PyTorch's
// affine_grid + grid_sample (scripts/fixtures/ops_augment.py).
import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { loadFixture } from '../fixtures/load';
import {
  augmentImage,
  drawSampleTransform,
  gatherAugmentBatch,
  IDENTITY,
  sampleNoise,
  type AugmentAmounts,
  type ImageTransform,
} from './augment-batch';

const t = (patch: Partial<ImageTransform>): ImageTransform => ({ ...IDENTITY, ...patch });
/** 1..12 in a 3-row, 4-column grey image. */
const grid = Uint8Array.from({ length: 12 }, (_, i) => i + 1);
const rows = (image: Uint8Array, w: number) =>
  Array.from({ length: image.length / w }, (_, y) => Array.from(image.subarray(y * w, (y + 1) * w)));
const NONE: AugmentAmounts = {
  shift: 0,
  rotate: 0,
  scale: 0,
  flip: false,
  brightness: 0,
  contrast: 0,
  noise: 0,
};

describe('augmentImage', () => {
  it('leaves an image as it is under the identity', () => {
    expect(Array.from(augmentImage(grid, [1, 3, 4], IDENTITY))).toEqual(Array.from(grid));
  });

  it('shifts by whole pixels, filling with 0', () => {
    expect(rows(augmentImage(grid, [1, 3, 4], t({ dx: 1 })), 4)).toEqual([
      [0, 1, 2, 3],
      [0, 5, 6, 7],
      [0, 9, 10, 11],
    ]);
    expect(rows(augmentImage(grid, [1, 3, 4], t({ dx: -2, dy: 1 })), 4)).toEqual([
      [0, 0, 0, 0],
      [3, 4, 0, 0],
      [7, 8, 0, 0],
    ]);
  });

  it('mirrors left to right, then shifts', () => {
    expect(rows(augmentImage(grid, [1, 3, 4], t({ flip: true })), 4)).toEqual([
      [4, 3, 2, 1],
      [8, 7, 6, 5],
      [12, 11, 10, 9],
    ]);
    expect(rows(augmentImage(grid, [1, 3, 4], t({ flip: true, dy: -1 })), 4)).toEqual([
      [8, 7, 6, 5],
      [12, 11, 10, 9],
      [0, 0, 0, 0],
    ]);
  });

  it('moves each colour plane alike', () => {
    // 3 planes of a 2×2 image: the flip swaps columns in every plane.
    const rgb = Uint8Array.from([1, 2, 3, 4, 10, 20, 30, 40, 100, 200, 150, 250]);
    expect(Array.from(augmentImage(rgb, [3, 2, 2], t({ flip: true })))).toEqual([
      2, 1, 4, 3, 20, 10, 40, 30, 200, 100, 250, 150,
    ]);
  });

  it('turns a quarter clockwise exactly', () => {
    const dot = new Uint8Array(9);
    dot[1 * 3 + 2] = 200; // right of the middle row
    const out = augmentImage(dot, [1, 3, 3], t({ angle: Math.PI / 2 }));
    expect(rows(out, 3)).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [0, 200, 0],
    ]);
  });

  it('rotates 45° with bilinear sampling, outside pixels counting as 0', () => {
    // value(x, y) = 10 + 10x + 30y: bilinear sampling of it is exact inside the image.
    const ramp = Uint8Array.from([10, 20, 30, 40, 50, 60, 70, 80, 90]);
    const out = rows(augmentImage(ramp, [1, 3, 3], t({ angle: Math.PI / 4 })), 3);
    // (2, 1): u = 1, v = 0 reads (1 + cos 45°, 1 − sin 45°) = (1.7071, 0.2929): 10 + 17.071 + 8.787 = 35.86.
    expect(out[1][2]).toBe(36);
    // The centre stays.
    expect(out[1][1]).toBe(50);
    // (0, 0): u = v = −1 reads (1 − √2, 1) = (−0.4142, 1): 0.5858 of (0, 1) = 40, and 0.4142 of nothing.
    expect(out[0][0]).toBe(23);
  });

  it('scales about the centre', () => {
    const ramp = Uint8Array.from([10, 20, 30, 40, 50, 60, 70, 80, 90]);
    const out = rows(augmentImage(ramp, [1, 3, 3], t({ zoom: 2 })), 3);
    // Twice as large: (2, 1) reads (1.5, 1) = 10 + 15 + 30; (0, 0) reads (0.5, 0.5) = 10 + 5 + 15.
    expect(out).toEqual([
      [30, 35, 40],
      [45, 50, 55],
      [60, 65, 70],
    ]);
    // Half as large: the centre stays, and (0, 0) reads (−1, −1), outside the image.
    const small = rows(augmentImage(ramp, [1, 3, 3], t({ zoom: 0.5 })), 3);
    expect(small[1][1]).toBe(50);
    expect(small[0][0]).toBe(0);
  });

  it('changes brightness and contrast about mid-grey, clamped to 0..255', () => {
    const values = Uint8Array.from([0, 100, 200, 255]);
    // (v/255 − 0.5)·1.5 + 0.5 + 0.1: 0 → −0.15 → 0; 100 → 0.4382 → 111.75; 200 → 1.026 → 255.
    expect(Array.from(augmentImage(values, [1, 1, 4], t({ contrast: 1.5, brightness: 0.1 })))).toEqual([
      0, 112, 255, 255,
    ]);
    expect(Array.from(augmentImage(values, [1, 1, 4], t({ contrast: 0.5 })))).toEqual([64, 114, 164, 191]);
  });

  it('adds Gaussian noise of the given deviation from the counter-based normal values', () => {
    const flat = new Uint8Array(10_000).fill(128);
    const normal = sampleNoise({ seed: 1, noiseSeed: 3 }, 0, 0, 10_000);
    const noisy = augmentImage(flat, [1, 100, 100], t({ noise: 0.1 }), normal);
    const mean = noisy.reduce((a, b) => a + b, 0) / noisy.length;
    const sd = Math.sqrt(noisy.reduce((a, b) => a + (b - mean) ** 2, 0) / noisy.length);
    // σ 0.1 on the 0..1 scale is 25.5 levels; 10,000 values pin the mean within a level.
    expect(Math.abs(mean - 128)).toBeLessThan(1);
    expect(Math.abs(sd - 25.5)).toBeLessThan(1);
    expect(augmentImage(flat, [1, 100, 100], t({ noise: 0.1 }), normal)).toEqual(noisy);
    expect(() => augmentImage(flat, [1, 100, 100], t({ noise: 0.1 }))).toThrow('noise needs a source');
  });

  it('refuses an image whose size does not match its shape', () => {
    expect(() => augmentImage(grid, [1, 4, 4], IDENTITY)).toThrow('1×4×4 has 16 values');
  });
});

describe('drawSampleTransform', () => {
  const settings: AugmentAmounts = {
    shift: 2,
    rotate: 10,
    scale: 0.25,
    flip: true,
    brightness: 0.2,
    contrast: 0.3,
    noise: 0.1,
  };

  it('draws within the settings and reaches every shift', () => {
    const draws = Array.from({ length: 400 }, (_, b) => drawSampleTransform(settings, 7, 3, b));
    expect(new Set(draws.map((d) => d.dx))).toEqual(new Set([-2, -1, 0, 1, 2]));
    expect(new Set(draws.map((d) => d.dy))).toEqual(new Set([-2, -1, 0, 1, 2]));
    expect(new Set(draws.map((d) => d.flip))).toEqual(new Set([true, false]));
    for (const d of draws) {
      expect(Math.abs(d.angle)).toBeLessThanOrEqual((10 * Math.PI) / 180);
      expect(Math.abs(d.brightness)).toBeLessThanOrEqual(0.2);
      expect(Math.abs(d.contrast - 1)).toBeLessThanOrEqual(0.3);
      expect(Math.abs(d.zoom - 1)).toBeLessThanOrEqual(0.25);
    }
  });

  it('draws the identity when nothing is on, and a pure function of (seed, step, sample)', () => {
    for (let b = 0; b < 20; b++) expect(drawSampleTransform(NONE, 5, b, b)).toEqual(IDENTITY);
    expect(drawSampleTransform(settings, 7, 3, 4)).toEqual(drawSampleTransform(settings, 7, 3, 4));
    const other = [
      drawSampleTransform(settings, 8, 3, 4),
      drawSampleTransform(settings, 7, 4, 4),
      drawSampleTransform(settings, 7, 3, 5),
    ];
    for (const o of other) expect(o.angle).not.toBe(drawSampleTransform(settings, 7, 3, 4).angle);
  });
});

describe('gatherAugmentBatch against PyTorch (affine_grid + grid_sample, align_corners=True)', () => {
  const cases = loadFixture('augment').augment_gather;
  it.each(cases.map((c, k) => [k, c] as const))('case %i', (_, c) => {
    const shape = c.shape as [number, number, number];
    const pixels = shape[0] * shape[1] * shape[2];
    const batch = c.batch as number;
    const x = new Float32Array(batch * pixels);
    const y = new Uint32Array(batch);
    gatherAugmentBatch(
      {
        images: Uint8Array.from(c.images as number[]),
        labels: Uint8Array.from(c.labels as number[]),
        pixels,
      },
      shape,
      Uint32Array.from(c.indices as number[]),
      c.start as number,
      batch,
      { mean: 0, std: 1 },
      c.amounts as AugmentAmounts,
      { seed: c.seed as number, noiseSeed: c.noise_seed as number },
      c.step as number,
      x,
      y,
    );
    // float32 storage of float64 values: within a few units of 2^-24.
    expectClose(x, c.x as number[], { atol: 1e-6, rtol: 0 });
    expect(Array.from(y)).toEqual(c.y);
  });

  it('refuses a shape that does not hold the images', () => {
    const src = { images: new Uint8Array(12), labels: new Uint8Array(1), pixels: 12 };
    const run = () =>
      gatherAugmentBatch(
        src,
        [1, 4, 4],
        new Uint32Array(1),
        0,
        1,
        { mean: 0, std: 1 },
        NONE,
        { seed: 0, noiseSeed: 0 },
        0,
        new Float32Array(12),
        new Uint32Array(1),
      );
    expect(run).toThrow('images of 12 values are not 1×4×4');
  });
});
