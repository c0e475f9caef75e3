import { describe, expect, it } from 'vitest';
import { fitAffine } from './affine';

describe('a per-channel scale and shift from the values', () => {
  it('recovers a and b exactly from an affine map, and reports a residual otherwise', () => {
    const x = Float32Array.from({ length: 50 }, (_, i) => Math.sin(i));
    const fit = fitAffine(
      x,
      x.map((v) => 2.5 * v - 0.75),
    );
    expect(fit.a).toBeCloseTo(2.5, 5);
    expect(fit.b).toBeCloseTo(-0.75, 5);
    expect(fit.residual).toBeLessThan(1e-6);
    expect(
      fitAffine(
        x,
        x.map((v) => v * v),
      ).residual,
    ).toBeGreaterThan(0.1);
    expect(fitAffine([1, 1], [3, 3])).toEqual({ a: 0, b: 3, residual: 0 });
  });
});
