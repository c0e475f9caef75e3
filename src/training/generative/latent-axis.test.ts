// The latent grid's axes: even spacing, and the standard normal's quantiles against PyTorch's
// torch.special.ndtri (float64), in both tails, the centre and the boundaries between the approximations.
import { describe, expect, it } from 'vitest';
import { evenAxis, gaussianAxis, gridCodes, normalQuantile, spanAxis } from './latent-axis';

/** torch.special.ndtri(torch.tensor(P, dtype=torch.float64)) in PyTorch 1.13. */
const P = [0.001, 0.02, 0.05, 0.15, 0.5, 0.7, 0.95, 0.999];
const TORCH = [
  -3.090232306167813, -2.053748910631823, -1.6448536269514729, -1.0364333894937894, 0, 0.5244005127080407,
  1.644853626951472, 3.090232306167813,
];

describe('latent grid axes', () => {
  it('gives the normal quantiles that PyTorch gives, to 1e-8', () => {
    P.forEach((p, i) => expect(normalQuantile(p)).toBeCloseTo(TORCH[i], 8));
    // Either side of 0.02425, where the tail's formula takes over from the centre's, the two agree.
    expect(normalQuantile(0.02425 + 1e-12)).toBeCloseTo(normalQuantile(0.02425 - 1e-12), 8);
  });

  it('refuses probabilities outside (0, 1)', () => {
    expect(() => normalQuantile(0)).toThrow('a normal quantile needs 0 < p < 1, got 0');
    expect(() => normalQuantile(1.5)).toThrow('a normal quantile needs 0 < p < 1, got 1.5');
    expect(() => gaussianAxis(10, 0.5, 0.2)).toThrow('0 < lo ≤ hi < 1, got 0.5 and 0.2');
  });

  it('spaces an even axis over [−extent, extent] and a Gaussian one at quantiles 0.05 … 0.95', () => {
    expect(Array.from(evenAxis(5, 2))).toEqual([-2, -1, 0, 1, 2]);
    expect(Array.from(evenAxis(1, 2))).toEqual([0]);
    expect(Array.from(spanAxis(3, 1, 2))).toEqual([1, 1.5, 2]);
    expect(Array.from(spanAxis(1, 1, 2))).toEqual([1.5]);
    // torch.special.ndtri(torch.linspace(0.05, 0.95, 10, dtype=torch.float64)).
    const torch = [
      -1.6448536269514729, -1.0364333894937894, -0.6744897501960817, -0.38532046640756773,
      -0.12566134685507416, 0.12566134685507388, 0.3853204664075674, 0.6744897501960817, 1.0364333894937894,
      1.644853626951472,
    ];
    gaussianAxis(10).forEach((x, k) => expect(x).toBeCloseTo(torch[k], 8));
    expect(Array.from(gaussianAxis(1))).toEqual([0]);
  });

  it('lays a grid out in reading order: rows from the top (y descending), each left to right', () => {
    expect(Array.from(gridCodes([0, 1, 2], [5, 6]))).toEqual([0, 6, 1, 6, 2, 6, 0, 5, 1, 5, 2, 5]);
  });
});
