import { describe, expect, it } from 'vitest';
import { SampleClock, sampleIndices } from './test-sample';

describe('the test sample', () => {
  it('spreads its records evenly over the split, first record included', () => {
    expect(Array.from(sampleIndices(10_000, 4))).toEqual([0, 2500, 5000, 7500]);
    expect(Array.from(sampleIndices(307, 5))).toEqual([0, 61, 122, 184, 245]);
    expect(Array.from(sampleIndices(3, 5))).toEqual([0, 1, 2]);
  });

  it('is due after everyMs of training, later when evaluating costs more than the budget allows', () => {
    const clock = new SampleClock(2000, 0.03);
    expect(clock.tick(1999)).toBe(false);
    expect(clock.tick(1)).toBe(true);
    // A cheap evaluation (30 ms): due again after everyMs.
    clock.evaluated(30);
    expect(clock.tick(1999)).toBe(false);
    expect(clock.tick(1)).toBe(true);
    // An evaluation of 900 ms waits for 900 / 0.03 = 30 s of training, so it costs at most 3%.
    clock.evaluated(900);
    expect(clock.tick(29_999)).toBe(false);
    expect(clock.tick(1)).toBe(true);
  });
});
