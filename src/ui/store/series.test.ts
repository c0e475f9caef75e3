import { describe, expect, it } from 'vitest';
import { appendDecimated, debiased, updateEma } from './series';

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
});
