import { describe, expect, it } from 'vitest';
import { adaptiveBin, adaptivePlane, upsampleAxis, upsamplePlane } from './resample';

describe('adaptive bins and upsampling taps', () => {
  it('adaptive bins overlap as PyTorch cuts them', () => {
    // adaptive_avg_pool1d over 5 values to 3: bins [0, 2), [1, 4), [3, 5).
    expect([0, 1, 2].map((i) => adaptiveBin(i, 5, 3))).toEqual([
      [0, 2],
      [1, 4],
      [3, 5],
    ]);
    const plane = Float32Array.from({ length: 10 }, (_, i) => i);
    // A 2×5 plane to 1×3: means of columns {0,1}, {1,2,3}, {3,4} over both rows.
    expect(Array.from(adaptivePlane(plane, 2, 5, 1, 3))).toEqual([3, 4.5, 6]);
  });

  it('upsampling matches PyTorch on known values', () => {
    const row = Float32Array.from([0, 1]);
    // F.interpolate(x, scale_factor=2, mode='bilinear', align_corners=False) of [[0, 1]]: rows of
    // [0, 0.25, 0.75, 1].
    expect(Array.from(upsamplePlane(row, 1, 2, 2, true, false))).toEqual([
      0, 0.25, 0.75, 1, 0, 0.25, 0.75, 1,
    ]);
    // align_corners=True: [0, 1/3, 2/3, 1].
    const aligned = upsamplePlane(row, 1, 2, 2, true, true).subarray(0, 4);
    [0, 1 / 3, 2 / 3, 1].forEach((v, i) => expect(aligned[i]).toBeCloseTo(v, 6));
    // Nearest ×3 repeats: [0, 0, 0, 1, 1, 1] on each of 3 rows.
    expect(Array.from(upsamplePlane(row, 1, 2, 3, false, false)).slice(0, 6)).toEqual([0, 0, 0, 1, 1, 1]);
    // The last output's second tap would be past the edge: it reads the last pixel alone.
    expect(upsampleAxis(3, 2, 2, true, false)).toEqual([{ index: 1, weight: 1 }]);
    expect(upsampleAxis(1, 2, 2, true, false)).toEqual([
      { index: 0, weight: 0.75 },
      { index: 1, weight: 0.25 },
    ]);
  });
});
