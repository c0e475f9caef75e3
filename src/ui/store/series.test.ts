import { describe, expect, it } from 'vitest';
import { appendDecimated, debiased, foldAccuracy, updateEma, upsertEpoch } from './series';

describe('chart series', () => {
  it('debiased EMA equals the first value after one point and tracks a constant exactly', () => {
    let ema = updateEma({ value: 0, count: 0 }, 2.5);
    expect(debiased(ema)).toBeCloseTo(2.5, 12);
    for (let i = 0; i < 20; i++) ema = updateEma(ema, 2.5);
    expect(debiased(ema)).toBeCloseTo(2.5, 12);
  });

  it('decimation bounds the length, keeps the newest points dense and the first point', () => {
    let points: number[] = [];
    for (let i = 0; i < 10_000; i++) points = appendDecimated(points, i, 100);
    expect(points.length).toBeLessThanOrEqual(100);
    expect(points[0]).toBe(0);
    expect(points.slice(-10)).toEqual([9990, 9991, 9992, 9993, 9994, 9995, 9996, 9997, 9998, 9999]);
    expect([...points].sort((a, b) => a - b)).toEqual(points);
  });

  it('averages train accuracy over an epoch weighted by steps, restarting each epoch', () => {
    let r = foldAccuracy(null, 0, 0.5, 10);
    r = foldAccuracy(r, 0, 0.8, 30);
    expect(r.accuracy).toBeCloseTo((0.5 * 10 + 0.8 * 30) / 40, 12);
    expect(r.steps).toBe(40);
    expect(foldAccuracy(r, 1, 0.9, 5)).toEqual({ epoch: 1, accuracy: 0.9, steps: 5 });
  });

  it('upserts epoch points in epoch order', () => {
    let points = upsertEpoch([], 1, { testAccuracy: 0.95 });
    points = upsertEpoch(points, 0, { trainAccuracy: 0.8 });
    points = upsertEpoch(points, 1, { trainAccuracy: 0.9 });
    expect(points).toEqual([
      { epoch: 0, trainAccuracy: 0.8, testAccuracy: null },
      { epoch: 1, trainAccuracy: 0.9, testAccuracy: 0.95 },
    ]);
  });
});
