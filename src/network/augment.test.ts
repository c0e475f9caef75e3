// The augmentation reference on tiny images whose every output pixel is worked out by hand, the draw of
// transforms within the settings, and the settings as the hyperparameters carry them.
import { describe, expect, it } from 'vitest';
import { augmentImage, augments, drawTransform, IDENTITY, NO_AUGMENT, type ImageTransform } from './augment';
import { DEFAULT_HYPER } from './hyper';
import { parseHyper, serializeHyper } from './serialize';

const t = (patch: Partial<ImageTransform>): ImageTransform => ({ ...IDENTITY, ...patch });
/** 1..12 in a 3-row, 4-column grey image. */
const grid = Uint8Array.from({ length: 12 }, (_, i) => i + 1);
const rows = (image: Uint8Array, w: number) =>
  Array.from({ length: image.length / w }, (_, y) => Array.from(image.subarray(y * w, (y + 1) * w)));

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

  it('adds Gaussian noise of the given deviation, the same again from the same source', () => {
    const flat = new Uint8Array(10_000).fill(128);
    const source = (seed: number) => {
      let state = seed;
      return () => (state = (state * 16807) % 2147483647) / 2147483647;
    };
    const noisy = augmentImage(flat, [1, 100, 100], t({ noise: 0.1 }), undefined, source(3));
    const mean = noisy.reduce((a, b) => a + b, 0) / noisy.length;
    const sd = Math.sqrt(noisy.reduce((a, b) => a + (b - mean) ** 2, 0) / noisy.length);
    // σ 0.1 on the 0..1 scale is 25.5 levels; 10,000 values pin the mean within a level.
    expect(Math.abs(mean - 128)).toBeLessThan(1);
    expect(Math.abs(sd - 25.5)).toBeLessThan(1);
    expect(augmentImage(flat, [1, 100, 100], t({ noise: 0.1 }), undefined, source(3))).toEqual(noisy);
    expect(() => augmentImage(flat, [1, 100, 100], t({ noise: 0.1 }))).toThrow('noise needs a source');
  });

  it('refuses an image whose size does not match its shape', () => {
    expect(() => augmentImage(grid, [1, 4, 4], IDENTITY)).toThrow('1×4×4 has 16 values');
  });
});

describe('drawTransform', () => {
  /** A fixed source of uniform values: a linear congruential sequence. */
  const source = () => {
    let state = 7;
    return () => (state = (state * 16807) % 2147483647) / 2147483647;
  };

  it('draws within the settings and reaches every shift', () => {
    const settings = {
      shift: 2,
      rotate: 10,
      scale: 0.25,
      flip: true,
      brightness: 0.2,
      contrast: 0.3,
      noise: 0.1,
    };
    const random = source();
    const draws = Array.from({ length: 400 }, () => drawTransform(settings, random));
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

  it('draws the identity when nothing is on, and the same transforms from the same source', () => {
    const random = source();
    for (let i = 0; i < 20; i++) expect(drawTransform(NO_AUGMENT, random)).toEqual(IDENTITY);
    const settings = { ...NO_AUGMENT, shift: 3, rotate: 15 };
    const a = source();
    const b = source();
    expect(Array.from({ length: 5 }, () => drawTransform(settings, a))).toEqual(
      Array.from({ length: 5 }, () => drawTransform(settings, b)),
    );
  });
});

describe('augmentation settings in the hyperparameters', () => {
  it('round-trip in a fixed order, and are refused out of range by name', () => {
    const hyper = {
      ...DEFAULT_HYPER,
      augment: { contrast: 0.2, flip: true, shift: 3, rotate: 10, scale: 0.1, brightness: 0.1, noise: 0.05 },
    };
    const text = serializeHyper(hyper);
    expect(text.indexOf('"shift"')).toBeLessThan(text.indexOf('"contrast"'));
    const back = parseHyper(text);
    expect(back.ok && back.hyper.augment).toEqual({
      shift: 3,
      rotate: 10,
      scale: 0.1,
      flip: true,
      brightness: 0.1,
      contrast: 0.2,
      noise: 0.05,
    });
    expect(augments(back.ok ? back.hyper.augment : undefined)).toBe(true);
    expect(augments(NO_AUGMENT)).toBe(false);
    expect(augments(undefined)).toBe(false);
    const bad = (augment: unknown) => parseHyper(JSON.stringify({ ...DEFAULT_HYPER, augment }));
    expect(bad({ shift: 1.5 })).toMatchObject({
      ok: false,
      error: expect.stringContaining('augment.shift must be a whole number from 0 to 8, not 1.5'),
    });
    expect(bad({ rotate: 90 })).toMatchObject({ ok: false, error: expect.stringContaining('0 to 45') });
    expect(bad({ flip: 'yes' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('true or false'),
    });
    expect(bad({ twist: 1 })).toMatchObject({
      ok: false,
      error: expect.stringContaining('augment has an unknown field "twist"'),
    });
    // Missing amounts are 0.
    const partial = parseHyper(JSON.stringify({ ...DEFAULT_HYPER, augment: { shift: 2 } }));
    expect(partial.ok && partial.hyper.augment).toEqual({ ...NO_AUGMENT, shift: 2 });
  });
});
