import { describe, expect, it } from 'vitest';
import { latestOnly } from './latest-only';

describe('latestOnly', () => {
  it('runs one task at a time and then only the newest of the calls made meanwhile', async () => {
    const started: number[] = [];
    const releases: (() => void)[] = [];
    const call = latestOnly(
      (n: number) =>
        new Promise<void>((resolve) => {
          started.push(n);
          releases.push(resolve);
        }),
      () => {},
    );
    call(1);
    call(2);
    call(3);
    call(4);
    expect(started).toEqual([1]);
    releases[0]();
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual([1, 4]);
    releases[1]();
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual([1, 4]);
    call(5);
    expect(started).toEqual([1, 4, 5]);
  });

  it('keeps going after a task fails', async () => {
    const seen: number[] = [];
    const errors: unknown[] = [];
    const call = latestOnly(
      async (n: number) => {
        seen.push(n);
        if (n === 1) throw new Error('boom');
      },
      (e) => errors.push(e),
    );
    call(1);
    call(2);
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([1, 2]);
    expect(errors).toEqual([new Error('boom')]);
  });
});
