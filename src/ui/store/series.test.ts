import { describe, expect, it } from 'vitest';
import { addTrainAccuracy, appendDecimated, debiased, setTestAccuracy, updateEma } from './series';

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

  it('averages train accuracy per epoch weighted by steps, and records test accuracy', () => {
    let r = addTrainAccuracy([], [], 0, 0.5, 10);
    r = addTrainAccuracy(r.epochs, r.weights, 0, 0.8, 30);
    r = addTrainAccuracy(r.epochs, r.weights, 1, 0.9, 5);
    expect(r.epochs[0].trainAccuracy).toBeCloseTo((0.5 * 10 + 0.8 * 30) / 40, 12);
    expect(r.epochs[1].trainAccuracy).toBeCloseTo(0.9, 12);
    const withTest = setTestAccuracy(r.epochs, 1, 0.95);
    expect(withTest[1]).toEqual({ epoch: 1, trainAccuracy: 0.9, testAccuracy: 0.95 });
    expect(setTestAccuracy([], 2, 0.5)).toEqual([{ epoch: 2, trainAccuracy: null, testAccuracy: 0.5 }]);
  });
});
