import { describe, expect, it } from 'vitest';
import { tuningText } from './tuningText';

describe('tuningText', () => {
  it('counts progress while tuning, then says what changed', () => {
    expect(tuningText({ done: 3, total: 14, finished: false, changed: 0 })).toBe(
      'Tuning kernels for this GPU… 3/14',
    );
    expect(tuningText({ done: 14, total: 14, finished: true, changed: 2 })).toBe(
      'Kernels tuned for this GPU: 2 of 14 passes use a faster variant.',
    );
    expect(tuningText({ done: 14, total: 14, finished: true, changed: 0 })).toContain(
      'the defaults are fastest',
    );
  });

  it('says nothing for a design with no choice of kernels', () => {
    expect(tuningText({ done: 0, total: 0, finished: true, changed: 0 })).toBeNull();
  });
});
