import { describe, expect, it } from 'vitest';
import { makeRecords } from '../testing/fixtures';
import { DEFAULT_SCENE_OPTIONS, sceneOptionProblems, type SceneOptions } from './options';
import { SceneRandom, sceneSeed } from './random';
import { INK_THRESHOLD, renderScene, scaleDigit, scaleTaps, type SceneBox, type SceneSource } from './render';

/** A source of `count` images: a filled 10×14 block (label i % 10) in each, placed differently. */
function blocks(count: number): SceneSource {
  const images = new Uint8Array(count * 784);
  const labels = new Uint8Array(count);
  for (let k = 0; k < count; k++) {
    labels[k] = k % 10;
    const x0 = 4 + (k % 5);
    for (let y = 7; y < 21; y++) for (let x = x0; x < x0 + 10; x++) images[k * 784 + y * 28 + x] = 200 + k;
  }
  return { images, labels, count };
}

const random = (count: number): SceneSource => ({
  images: makeRecords('images', { count, seed: 7 }),
  labels: makeRecords('labels', { count, seed: 8 }),
  count,
});

describe('scene randomness', () => {
  it('draws mulberry32 and integers in [0, n) with integer maths', () => {
    const r = new SceneRandom(1);
    // mulberry32(1)'s first outputs, as training/prng.ts gives them.
    expect([r.nextUint32(), r.nextUint32()]).toEqual([2693262067, 11749833]);
    const ints = Array.from({ length: 2000 }, () => r.int(7));
    expect(Math.min(...ints)).toBe(0);
    expect(Math.max(...ints)).toBe(6);
    expect(ints.every(Number.isInteger)).toBe(true);
  });

  it('gives unrelated seeds to neighbouring scenes and splits', () => {
    const seeds = new Set<number>();
    for (let i = 0; i < 1000; i++) for (const split of [0, 1]) seeds.add(sceneSeed(42, split, i));
    expect(seeds.size).toBe(2000);
    expect(sceneSeed(42, 0, 5)).toBe(sceneSeed(42, 0, 5));
    expect(sceneSeed(42, 0, 5)).not.toBe(sceneSeed(43, 0, 5));
  });
});

describe('scaling a digit', () => {
  it('keeps the image at scale 28 and clamps the edges', () => {
    const src = random(1);
    expect(Array.from(scaleDigit(src.images, 0, 28))).toEqual(Array.from(src.images));
    const { i0, i1, f } = scaleTaps(13);
    expect(i0[0]).toBe(0);
    expect(i1[12]).toBe(27);
    expect(Array.from(f).every((v) => v >= 0 && v < 26)).toBe(true);
  });

  it('agrees with float bilinear interpolation (align_corners=False) to within one grey level', () => {
    const src = random(1);
    for (const s of [9, 16, 31, 40]) {
      const out = scaleDigit(src.images, 0, s);
      for (let v = 0; v < s; v++) {
        for (let u = 0; u < s; u++) {
          const sample = (c: number) => Math.min(Math.max(((c + 0.5) * 28) / s - 0.5, 0), 27);
          const [py, px] = [sample(v), sample(u)];
          const [y0, x0] = [Math.floor(py), Math.floor(px)];
          const [y1, x1] = [Math.min(y0 + 1, 27), Math.min(x0 + 1, 27)];
          const at = (y: number, x: number) => src.images[y * 28 + x];
          const [fy, fx] = [py - y0, px - x0];
          const want =
            at(y0, x0) * (1 - fy) * (1 - fx) +
            at(y0, x1) * (1 - fy) * fx +
            at(y1, x0) * fy * (1 - fx) +
            at(y1, x1) * fy * fx;
          expect(Math.abs(out[v * s + u] - want)).toBeLessThanOrEqual(1);
        }
      }
    }
  });
});

describe('rendering scenes', () => {
  const options: SceneOptions = { ...DEFAULT_SCENE_OPTIONS, size: 48, minDigits: 2, maxDigits: 4 };

  it('is a pure function of seed, split and index', () => {
    const src = random(50);
    const a = renderScene(src, options, 42, 'train', 3);
    expect(renderScene(src, options, 42, 'train', 3)).toEqual(a);
    expect(renderScene(src, options, 42, 'train', 4).image).not.toEqual(a.image);
    expect(renderScene(src, options, 42, 'test', 3).image).not.toEqual(a.image);
  });

  it('labels exactly the ink of each digit, and boxes hold each digit’s ink', () => {
    const src = blocks(30);
    const small = { ...options, minScale: 12, maxScale: 24 };
    let digits = 0;
    let unlabelledInk = 0;
    let outside = 0;
    for (let i = 0; i < 40; i++) {
      const { size, image, mask, boxes } = renderScene(src, small, 7, 'train', i);
      expect(boxes.length).toBeGreaterThanOrEqual(1);
      expect(boxes.length).toBeLessThanOrEqual(4);
      digits += boxes.length;
      for (const b of boxes) {
        expect(b.x0).toBeGreaterThanOrEqual(0);
        expect(b.y0).toBeGreaterThanOrEqual(0);
        expect(b.x1).toBeLessThanOrEqual(size);
        expect(b.y1).toBeLessThanOrEqual(size);
        expect(b.x1).toBeGreaterThan(b.x0);
        expect(b.y1).toBeGreaterThan(b.y0);
      }
      for (let p = 0; p < size * size; p++) {
        // Clutter is off, so a pixel is ink exactly where a digit's scaled pixel reaches the threshold.
        if (mask[p] > 0 !== image[p] >= INK_THRESHOLD) unlabelledInk++;
        if (mask[p] === 0) continue;
        const [x, y] = [p % size, Math.floor(p / size)];
        const inBox = (b: SceneBox) =>
          b.label + 1 === mask[p] && x >= b.x0 && x < b.x1 && y >= b.y0 && y < b.y1;
        if (!boxes.some(inBox)) outside++;
      }
    }
    expect(unlabelledInk).toBe(0);
    expect(outside).toBe(0);
    expect(digits).toBeGreaterThan(80);
  });

  it('draws digits only from the source it is given (test scenes from test images)', () => {
    const src = blocks(30);
    const labelsSeen = new Set<number>();
    for (let i = 0; i < 20; i++)
      for (const b of renderScene({ ...src, count: 3 }, options, 1, 'test', i).boxes) labelsSeen.add(b.label);
    expect([...labelsSeen].sort()).toEqual([0, 1, 2].filter((l) => labelsSeen.has(l)));
    expect(Math.max(...labelsSeen)).toBeLessThan(3);
  });

  it('draws clutter below the ink threshold and noise within its amplitude', () => {
    const src = random(20);
    const plain = renderScene(src, { ...options, clutter: 0 }, 3, 'train', 0);
    const cluttered = renderScene(
      blocks(20),
      { ...options, clutter: 6, maxDigits: 1, minDigits: 1 },
      3,
      'train',
      0,
    );
    expect(cluttered.image.some((v, p) => v > 0 && cluttered.mask[p] === 0)).toBe(true);
    expect(cluttered.image.every((v, p) => cluttered.mask[p] > 0 || v < INK_THRESHOLD)).toBe(true);
    const noisy = renderScene(src, { ...options, noise: 10 }, 3, 'train', 0);
    expect(noisy.mask).toEqual(plain.mask);
    let changed = 0;
    noisy.image.forEach((v, p) => {
      expect(Math.abs(v - plain.image[p])).toBeLessThanOrEqual(10);
      if (v !== plain.image[p]) changed++;
    });
    expect(changed).toBeGreaterThan(1000);
  });

  it('names every option that is out of range', () => {
    expect(sceneOptionProblems(DEFAULT_SCENE_OPTIONS)).toEqual([]);
    expect(sceneOptionProblems({ ...DEFAULT_SCENE_OPTIONS, size: 8 })).toEqual([
      'size must be a whole number from 16 to 128 (got 8)',
    ]);
    expect(sceneOptionProblems({ ...DEFAULT_SCENE_OPTIONS, minDigits: 3, maxDigits: 2 })).toEqual([
      'minDigits 3 is above maxDigits 2',
    ]);
    expect(sceneOptionProblems({ ...DEFAULT_SCENE_OPTIONS, size: 32, maxScale: 36 })).toEqual([
      'maxScale 36 does not fit on a 32×32 canvas: at most 32',
    ]);
    expect(sceneOptionProblems({ ...DEFAULT_SCENE_OPTIONS, noise: 0.5 })[0]).toMatch(/noise must be a whole/);
  });
});
