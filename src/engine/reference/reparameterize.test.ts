import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { loadFixture } from '../fixtures/load';
import { dot, numericGradient, seededValues } from './gradcheck';
import {
  klDivergence,
  reparameterizeBackward,
  reparameterizeForward,
  reparameterizeNoise,
  type ReparameterizeParams,
} from './reparameterize';

interface VaeCase {
  batch: number;
  latent: number;
  step: number;
  seed: number;
  kl_scale: number;
  x: number[];
  dz: number[];
  eps: number[];
  z: number[];
  kl: number;
  dx: number[];
}

const cases = loadFixture('vae').reparameterize as unknown as VaeCase[];
// PyTorch in float64 against ours in float64 (the fixture keeps 8 significant digits).
const FIXTURE_TOL = { atol: 1e-7, rtol: 1e-6 };
const FD_TOL = { atol: 1e-6, rtol: 1e-5 };

describe('reparameterize CPU reference (a VAE sampling step with its KL term)', () => {
  for (const [k, c] of cases.entries()) {
    it(`case ${k}: matches PyTorch on ${c.batch} rows of latent ${c.latent}, step ${c.step}, seed ${c.seed}, KL scale ${c.kl_scale}`, () => {
      const params: ReparameterizeParams = {
        latent: c.latent,
        seed: c.seed,
        training: true,
        klScale: c.kl_scale,
      };
      const eps = c.eps.map((_, i) => reparameterizeNoise(i, c.step, c.seed));
      expectClose(Float64Array.from(eps), c.eps, FIXTURE_TOL);
      const x = Float64Array.from(c.x);
      const y = new Float64Array(c.batch * c.latent);
      reparameterizeForward({ x, y, params, step: c.step });
      expectClose(y, c.z, FIXTURE_TOL);
      const dx = new Float64Array(x.length);
      reparameterizeBackward({ x, dy: Float64Array.from(c.dz), dx, params, step: c.step });
      expectClose(dx, c.dx, FIXTURE_TOL);
      expect(klDivergence(x, c.latent)).toBeCloseTo(c.kl, 5);
    });
  }

  it('has a backward that is the gradient of sum(z·dz) + klScale·KL (finite differences), training and eval', () => {
    for (const [batch, latent, training] of [
      [3, 2, true],
      [1, 5, true],
      [4, 3, false],
    ] as const) {
      const params = { latent, seed: 99, training, klScale: 0.3 };
      const x = seededValues(2 * batch * latent, 7);
      const dz = seededValues(batch * latent, 8);
      const y = new Float64Array(batch * latent);
      const loss = (v: Float64Array) => {
        reparameterizeForward({ x: v, y, params, step: 5 });
        return dot(y, dz) + (training ? params.klScale * klDivergence(v, latent) : 0);
      };
      const dx = new Float64Array(x.length);
      reparameterizeBackward({ x, dy: dz, dx, params, step: 5 });
      expectClose(dx, numericGradient(loss, x), FD_TOL);
    }
  });

  it('draws standard normal noise that changes with the step and the seed; eval gives the mean', () => {
    const n = 20000;
    const eps = Array.from({ length: n }, (_, i) => reparameterizeNoise(i, 3, 11));
    const mean = eps.reduce((a, b) => a + b, 0) / n;
    const variance = eps.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
    // Standard errors: 1/√n ≈ 0.007 for the mean, √(2/n) ≈ 0.01 for the variance.
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.04);
    expect(reparameterizeNoise(0, 4, 11)).not.toBe(eps[0]);
    expect(reparameterizeNoise(0, 3, 12)).not.toBe(eps[0]);
    const x = Float32Array.of(0.5, -1, 2, 3);
    const y = new Float32Array(2);
    reparameterizeForward({ x, y, params: { latent: 2, seed: 1, training: false, klScale: 1 }, step: 0 });
    expect(Array.from(y)).toEqual([0.5, -1]);
  });

  it('refuses inputs that are not two values per output, a bad seed, step or KL scale', () => {
    const params = { latent: 2, seed: 1, training: true, klScale: 0 };
    const y = new Float32Array(2);
    expect(() => reparameterizeForward({ x: new Float32Array(3), y, params, step: 0 })).toThrow(
      'reparameterize: 3 inputs for 2 outputs; each sample reads 2·2 values',
    );
    const x = new Float32Array(4);
    expect(() => reparameterizeForward({ x, y, params: { ...params, seed: -1 }, step: 0 })).toThrow(
      'seed must be an integer in [0, 2^32)',
    );
    expect(() => reparameterizeForward({ x, y, params, step: 1.5 })).toThrow('step must be an integer');
    expect(() => reparameterizeForward({ x, y, params: { ...params, klScale: -1 }, step: 0 })).toThrow(
      'the KL scale must be ≥ 0, got -1',
    );
  });
});
