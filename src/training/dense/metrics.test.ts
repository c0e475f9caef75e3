import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENE_OPTIONS, renderScene, type SceneSource } from '../../data/scenes';
import { sceneBatch, writeDetectionTargets } from './batches';
import { boxIoU, detectionFigures, detectionsOf, segmentationFigures, type Detection } from './metrics';

describe('segmentation figures', () => {
  it('pixel accuracy and IoU per class from confusion counts, absent classes left out of the mean', () => {
    const f = segmentationFigures([5, 1, 0, 2, 3, 0, 0, 0, 0], 3);
    expect(f.pixelAccuracy).toBeCloseTo(8 / 11, 12);
    expect(f.classIoU[0]).toBeCloseTo(5 / 8, 12);
    expect(f.classIoU[1]).toBeCloseTo(3 / 6, 12);
    expect(f.classIoU[2]).toBeNaN();
    expect(f.meanIoU).toBeCloseTo((5 / 8 + 0.5) / 2, 12);
  });
});

describe('detection figures', () => {
  const box = (x0: number, y0: number, x1: number, y1: number, label: number, score = 1): Detection => ({
    x0,
    y0,
    x1,
    y1,
    label,
    score,
  });

  it('AP at IoU 0.5 counts duplicates and misses, with all-point interpolation', () => {
    expect(boxIoU(box(0, 0, 10, 10, 0), box(5, 0, 15, 10, 0))).toBeCloseTo(50 / 150, 12);
    const truth = [[box(0, 0, 10, 10, 0), box(20, 20, 30, 30, 1)], [box(10, 10, 20, 20, 0)]];
    const found = [
      [box(0, 0, 10, 10, 0, 0.9), box(1, 0, 11, 10, 0, 0.6)],
      [box(30, 30, 40, 40, 0, 0.8), box(10, 11, 20, 21, 0, 0.7)],
    ];
    // Class 0: hit, miss, hit, duplicate → precision 1, 1/2, 2/3, 1/2 at recall 1/2, 1/2, 1, 1.
    const f = detectionFigures(found, truth, 10);
    expect(f.classAP[0]).toBeCloseTo(0.5 * 1 + 0.5 * (2 / 3), 12);
    expect(f.classAP[1]).toBe(0);
    expect(f.classAP.slice(2).every(Number.isNaN)).toBe(true);
    expect(f.meanAP).toBeCloseTo((0.5 + 1 / 3) / 2, 12);
  });

  it('reads the best cells of a decoded map, best first, above the score floor', () => {
    const decoded = new Float32Array(2 * 3 * 6);
    decoded.set([0.3, 2, 1, 2, 3, 4], 6);
    decoded.set([0.01, 1, 0, 0, 1, 1], 12);
    decoded.set([0.9, 5, 5, 6, 7, 8], 18 + 12);
    expect(detectionsOf(decoded, 0, 3)).toEqual([box(1, 2, 3, 4, 2, expect.closeTo(0.3, 6) as number)]);
    expect(detectionsOf(decoded, 1, 3).map((d) => d.label)).toEqual([5]);
  });
});

describe('scene batches', () => {
  it('writes CenterNet targets: 1 at the centre cell, a Gaussian around it, size and offset in cells', () => {
    const target = new Float32Array(14 * 64);
    const mask = new Float32Array(64);
    const scene = {
      size: 32,
      image: new Uint8Array(0),
      mask: new Uint8Array(0),
      boxes: [{ x0: 4, y0: 8, x1: 12, y1: 20, label: 3 }],
    };
    expect(writeDetectionTargets(scene, 4, 8, target, 0, mask, 0)).toBe(1);
    const heat = (x: number, y: number) => target[3 * 64 + y * 8 + x];
    expect(heat(2, 3)).toBe(1);
    const sigma = 3 / 6 + 0.25;
    expect(heat(3, 3)).toBeCloseTo(Math.exp(-1 / (2 * sigma * sigma)), 6);
    expect(mask[3 * 8 + 2]).toBe(1);
    expect(mask.reduce((a, b) => a + b, 0)).toBe(1);
    const reg = (c: number) => target[(10 + c) * 64 + 3 * 8 + 2];
    expect([reg(0), reg(1), reg(2), reg(3)]).toEqual([2, 3, 0, 0.5]);
  });

  it('makes inputs and labels from the scenes a split draws, test scenes with their own seed', () => {
    const images = new Uint8Array(20 * 784).map((_, i) => (i % 28 > 6 && i % 28 < 20 ? 220 : 0));
    const source: SceneSource = {
      images,
      labels: Uint8Array.from({ length: 20 }, (_, i) => i % 10),
      count: 20,
    };
    const options = { ...DEFAULT_SCENE_OPTIONS, size: 32, minScale: 12, maxScale: 20 };
    const stream = { source: () => source, options, seed: 5 };
    const seg = sceneBatch(stream, { task: 'segmentation', side: 32, grid: 32 }, 'train', 3, 2);
    expect(seg.scenes[1]).toEqual(renderScene(source, options, 5, 'train', 4));
    expect(seg.inputs[100]).toBeCloseTo(seg.scenes[0].image[100] / 255, 6);
    expect(Array.from(seg.labels!.subarray(1024))).toEqual(Array.from(seg.scenes[1].mask));
    const det = sceneBatch(stream, { task: 'detection', side: 32, grid: 8 }, 'test', 0, 3);
    expect(det.scenes[0]).toEqual(renderScene(source, options, 2024, 'test', 0));
    expect(det.objects).toBe(det.scenes.reduce((a, s) => a + s.boxes.length, 0));
    expect(det.target!.length).toBe(3 * 14 * 64);
  });
});
