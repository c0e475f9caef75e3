import { afterEach, describe, expect, it, vi } from 'vitest';
import { frameBatch } from './frame-batch';

describe('frame batch', () => {
  afterEach(() => vi.useRealTimers());

  it('delivers everything pushed before the deadline at once, in order, then starts a new batch', () => {
    vi.useFakeTimers();
    const got: number[][] = [];
    const batch = frameBatch<number>((items) => got.push(items), 250);
    batch.push(1);
    batch.push(2);
    batch.push(3);
    expect(got).toEqual([]);
    vi.advanceTimersByTime(250);
    expect(got).toEqual([[1, 2, 3]]);
    batch.push(4);
    vi.advanceTimersByTime(249);
    expect(got).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(got).toEqual([[1, 2, 3], [4]]);
  });

  it('flush delivers at once and cancels the pending delivery; dispose drops the queue', () => {
    vi.useFakeTimers();
    const got: number[][] = [];
    const batch = frameBatch<number>((items) => got.push(items));
    batch.push(1);
    batch.flush();
    batch.flush();
    expect(got).toEqual([[1]]);
    vi.advanceTimersByTime(1000);
    expect(got).toEqual([[1]]);
    batch.push(2);
    batch.dispose();
    vi.advanceTimersByTime(1000);
    expect(got).toEqual([[1]]);
  });
});
