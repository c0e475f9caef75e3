import { describe, expect, it } from 'vitest';
import { yTickCount } from './Axes';
import { linePath, linearScale, nearestRow } from './plot';

describe('linearScale', () => {
  it('maps the domain onto the range, reversed ranges included, and inverts', () => {
    const y = linearScale([0, 2], [100, 10]);
    expect(y(0)).toBe(100);
    expect(y(2)).toBe(10);
    expect(y(1)).toBe(55);
    expect(y.invert(55)).toBe(1);
  });

  it('puts every value of a zero-width domain in the middle of the range', () => {
    const x = linearScale([5, 5], [0, 40]);
    expect(x(5)).toBe(20);
    expect(x(7)).toBe(20);
    expect(x.invert(33)).toBe(5);
  });
});

describe('linePath', () => {
  const x = linearScale([0, 10], [0, 100]);
  const y = linearScale([0, 1], [50, 0]);

  it('moves to the first row and draws to the rest, rounded to a tenth of a pixel', () => {
    const rows = [
      { step: 0, value: 1 },
      { step: 1, value: 0.5 },
      { step: 3, value: 1 / 3 },
    ];
    expect(linePath(rows, x, y)).toBe('M0,0L10,25L30,33.3');
  });

  it('breaks the line at a value that is not finite and starts again after it', () => {
    const rows = [
      { step: 0, value: 1 },
      { step: 1, value: Number.NaN },
      { step: 2, value: 0 },
      { step: 3, value: Infinity },
      { step: 4, value: 0.5 },
      { step: 5, value: 0.5 },
    ];
    expect(linePath(rows, x, y)).toBe('M0,0M20,50M40,25L50,25');
  });

  it('is empty without rows', () => {
    expect(linePath([], x, y)).toBe('');
  });
});

describe('nearestRow', () => {
  const rows = [0, 10, 20, 40].map((step) => ({ step, value: step / 10 }));

  it('finds the row with the nearest step, the earlier one on a tie', () => {
    expect(nearestRow(rows, 12)?.step).toBe(10);
    expect(nearestRow(rows, 16)?.step).toBe(20);
    expect(nearestRow(rows, 30)?.step).toBe(20);
    expect(nearestRow(rows, 31)?.step).toBe(40);
  });

  it('clamps to the ends and has nothing to offer without rows', () => {
    expect(nearestRow(rows, -5)?.step).toBe(0);
    expect(nearestRow(rows, 99)?.step).toBe(40);
    expect(nearestRow([], 3)).toBeUndefined();
  });
});

describe('yTickCount', () => {
  it('gives a short chart fewer y labels, at least two, and a tall one at most the asked number', () => {
    expect(yTickCount(50, 5)).toBe(2);
    expect(yTickCount(90, 5)).toBe(4);
    expect(yTickCount(400, 5)).toBe(5);
    expect(yTickCount(400, 6)).toBe(6);
  });
});
