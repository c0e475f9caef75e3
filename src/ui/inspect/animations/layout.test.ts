import { describe, expect, it } from 'vitest';
import { cellAt, indexName, layoutOf, paintLayout } from './layout';

describe('a tensor as one picture', () => {
  it('tiles channels ⌈√C⌉ a row with one-cell gaps, and follows each element', () => {
    const layout = layoutOf([3, 2, 2]);
    expect([layout.h, layout.w]).toEqual([5, 5]);
    expect(cellAt(layout, 0)).toEqual({ y: 0, x: 0 });
    expect(cellAt(layout, 5)).toEqual({ y: 0, x: 4 });
    expect(cellAt(layout, 11)).toEqual({ y: 4, x: 1 });
    const picture = paintLayout(
      layout,
      Float32Array.from({ length: 12 }, (_, i) => i),
      4,
    );
    expect(picture[0]).toBe(0);
    expect(picture[3]).toBe(4);
    expect(Number.isNaN(picture[4])).toBe(true);
    expect(Number.isNaN(picture[2])).toBe(true);
    expect(indexName([3, 2, 2], 11)).toBe('(2, 1, 1)');
  });

  it('lays a vector in rows of the given width', () => {
    const layout = layoutOf([10], 4);
    expect([layout.h, layout.w]).toEqual([3, 4]);
    expect(cellAt(layout, 9)).toEqual({ y: 2, x: 1 });
    expect(indexName([10], 9)).toBe('[9]');
  });
});
