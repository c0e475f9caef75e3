import { describe, expect, it } from 'vitest';
import { EARLY_STEPS, REPLAY_BOUNDS, ReplayHistory } from './replay';

/** Simulates a run of `steps` steps with `perEpoch` steps per epoch, recording what the history wants. */
function run(history: ReplayHistory<number>, steps: number, perEpoch: number, bytes: number) {
  history.add({ step: 0, epoch: 0, epochEnd: false, bytes, state: 0 });
  for (let step = 1; step <= steps; step++) {
    const epochEnd = step % perEpoch === 0;
    if (history.wants(step, epochEnd))
      history.add({ step, epoch: Math.floor((step - 1) / perEpoch), epochEnd, bytes, state: step });
    expect(history.length).toBeLessThanOrEqual(history.bounds.maxCount);
    expect(history.bytes).toBeLessThanOrEqual(history.bounds.maxBytes);
  }
}

describe('ReplayHistory', () => {
  it('keeps every early step, then spaced steps, within the stated bound of 64 snapshots and 32 MB', () => {
    expect(REPLAY_BOUNDS).toEqual({ maxCount: 64, maxBytes: 32 * 1024 * 1024 });
    const h = new ReplayHistory<number>();
    run(h, 300, 1000, 250_000);
    const steps = h.entries.map((e) => e.step);
    for (let s = 0; s <= EARLY_STEPS; s++) expect(steps).toContain(s);
    expect(steps[steps.length - 1]).toBeGreaterThan(200);
    expect(steps.filter((s) => s > EARLY_STEPS).length).toBeGreaterThan(3);
    expect(steps.filter((s) => s > EARLY_STEPS).length).toBeLessThan(15);
  });

  it('thins a long run to the count bound, keeping the first, the last and the epoch ends', () => {
    const h = new ReplayHistory<number>();
    run(h, 40 * 938, 938, 250_000);
    const entries = h.entries;
    expect(entries.length).toBe(64);
    expect(entries[0].step).toBe(0);
    expect(entries[entries.length - 1].step).toBe(40 * 938);
    for (let e = 1; e <= 40; e++) expect(entries.map((x) => x.step)).toContain(e * 938);
    // Still in step order, no duplicates.
    const steps = entries.map((x) => x.step);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
    expect(new Set(steps).size).toBe(steps.length);
  });

  it('holds the byte bound for a large model by keeping fewer snapshots', () => {
    const h = new ReplayHistory<number>();
    const bytes = 3 * 1024 * 1024;
    run(h, 2000, 500, bytes);
    expect(h.length).toBe(Math.floor(REPLAY_BOUNDS.maxBytes / bytes));
    expect(h.bytes).toBeLessThanOrEqual(REPLAY_BOUNDS.maxBytes);
    expect(h.entries[h.length - 1].step).toBe(2000);
  });

  it('records nothing for a model whose one snapshot exceeds the byte bound', () => {
    const h = new ReplayHistory<number>({ maxCount: 64, maxBytes: 1000 });
    expect(h.fits(1001)).toBe(false);
    h.add({ step: 1, epoch: 0, epochEnd: false, bytes: 1001, state: 1 });
    expect(h.length).toBe(0);
  });

  it('replaces a second copy of the same step and inserts late arrivals in order', () => {
    const h = new ReplayHistory<number>();
    h.add({ step: 5, epoch: 0, epochEnd: false, bytes: 10, state: 5 });
    h.add({ step: 2, epoch: 0, epochEnd: false, bytes: 10, state: 2 });
    h.add({ step: 5, epoch: 0, epochEnd: true, bytes: 10, state: 55 });
    expect(h.entries.map((e) => e.step)).toEqual([2, 5]);
    expect(h.at(1).state).toBe(55);
    expect(() => h.at(7)).toThrow(/outside the history of 2/);
  });
});
