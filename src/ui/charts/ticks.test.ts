import { describe, expect, it } from 'vitest';
import { axisTicks, niceStep } from './ticks';

describe('chart ticks', () => {
  it('rounds a raw step up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect([0.7, 1, 1.3, 2.2, 3, 7, 0.013, 4800].map(niceStep)).toEqual([1, 1, 2, 2.5, 5, 10, 0.02, 5000]);
  });

  it('snapped ticks cover the data with nice values and about the asked count', () => {
    const { domain, ticks } = axisTicks(0, 2.31, 6);
    expect(domain).toEqual([0, 2.5]);
    expect(ticks).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    expect(axisTicks(0, 2.31).ticks).toEqual([0, 1, 2, 3]);
  });

  it('integer ticks inside an unsnapped domain (training steps)', () => {
    const { domain, ticks } = axisTicks(20, 1340, 5, { integer: true, snap: false });
    expect(domain).toEqual([20, 1340]);
    expect(ticks).toEqual([500, 1000]);
    expect(axisTicks(20, 20, 5, { integer: true, snap: false }).domain).toEqual([20, 21]);
    expect(axisTicks(1, 3, 5, { integer: true }).ticks).toEqual([1, 2, 3]);
  });

  it('falls back to [0, 1] for non-finite data', () => {
    expect(axisTicks(0, Number.NaN)).toEqual({ domain: [0, 1], ticks: [0, 1] });
  });
});
