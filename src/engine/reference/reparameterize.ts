// CPU reference for a variational autoencoder's sampling step and its KL term. The input row of a sample is
// [μ (d values), log σ² (d values)]; in training z = μ + exp(½ log σ²)·ε with ε ~ N(0, 1), in eval z = μ.
// ε is counter-based, a pure function of (element, step, seed) as Dropout's mask is, so the GPU draws the
// same noise and the backward pass recomputes it. The backward adds the gradient of
// klScale · Σ_b KL_b, KL_b = −½ Σ_j (1 + log σ² − μ² − σ²) (the KL divergence of N(μ, σ²) from N(0, 1)),
// so the loss the model minimises is its reconstruction loss plus that term: klScale is the layer's KL
// weight over the batch size (a batch mean of KL, weighted).
import { dropoutHash } from './dropout';
import type { Floats } from './pool';

export interface ReparameterizeParams {
  /** Latent size d: each input row holds 2·d values. */
  latent: number;
  /** A u32 per layer, so layers draw different noise. */
  seed: number;
  training: boolean;
  /** Weight of Σ_b KL_b in the loss (the layer's KL weight / batch). */
  klScale: number;
}

const TWO_POW_24 = 16777216;

/**
 * ε of element i (sample b, latent j at i = b·d + j) at training step `step`: Box-Muller on two uniforms
 * from the top 24 bits of pcg3d hashes of (2i, step, seed) and (2i + 1, step, seed); u₁ ∈ (0, 1] keeps
 * the logarithm finite. The WGSL kernels compute the same in float32.
 */
export function reparameterizeNoise(i: number, step: number, seed: number): number {
  const u1 = ((dropoutHash(2 * i, step, seed) >>> 8) + 1) / TWO_POW_24;
  const u2 = (dropoutHash(2 * i + 1, step, seed) >>> 8) / TWO_POW_24;
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

function check(x: Floats, n: number, params: ReparameterizeParams, step: number): number {
  const { latent: d, seed } = params;
  if (!Number.isInteger(d) || d < 1) throw new Error(`reparameterize: latent size must be ≥ 1, got ${d}`);
  if (x.length !== 2 * n) {
    throw new Error(`reparameterize: ${x.length} inputs for ${n} outputs; each sample reads 2·${d} values`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new Error(`reparameterize: seed must be an integer in [0, 2^32), got ${seed}`);
  }
  if (!Number.isInteger(step) || step < 0 || step > 0xffffffff) {
    throw new Error(`reparameterize: step must be an integer in [0, 2^32), got ${step}`);
  }
  if (!(params.klScale >= 0))
    throw new Error(`reparameterize: the KL scale must be ≥ 0, got ${params.klScale}`);
  return d;
}

/** z = μ + exp(½ log σ²)·ε in training (ε of (seed, step)), z = μ in eval; x [B, 2d], y [B, d]. */
export function reparameterizeForward(a: {
  x: Floats;
  y: Floats;
  params: ReparameterizeParams;
  step: number;
}): void {
  const { x, y, params, step } = a;
  const d = check(x, y.length, params, step);
  for (let i = 0; i < y.length; i++) {
    const b = Math.floor(i / d);
    const j = i - b * d;
    const mu = x[2 * b * d + j];
    y[i] = params.training
      ? mu + Math.exp(0.5 * x[2 * b * d + d + j]) * reparameterizeNoise(i, step, params.seed)
      : mu;
  }
}

/**
 * dx from dy: in training ∂z/∂μ = 1 and ∂z/∂log σ² = ½·σ·ε, plus the KL term's gradient klScale·μ and
 * klScale·½(σ² − 1); in eval (z = μ) dμ = dy and d log σ² = 0.
 */
export function reparameterizeBackward(a: {
  x: Floats;
  dy: Floats;
  dx: Floats;
  params: ReparameterizeParams;
  step: number;
}): void {
  const { x, dy, dx, params, step } = a;
  const d = check(x, dy.length, params, step);
  if (dx.length !== x.length) throw new Error(`reparameterize: dx holds ${dx.length}, x ${x.length}`);
  const k = params.klScale;
  for (let i = 0; i < dy.length; i++) {
    const b = Math.floor(i / d);
    const j = i - b * d;
    const m = 2 * b * d + j;
    if (!params.training) {
      dx[m] = dy[i];
      dx[m + d] = 0;
      continue;
    }
    const mu = x[m];
    const sigma = Math.exp(0.5 * x[m + d]);
    const variance = Math.exp(x[m + d]);
    dx[m] = dy[i] + k * mu;
    dx[m + d] = 0.5 * dy[i] * sigma * reparameterizeNoise(i, step, params.seed) + 0.5 * k * (variance - 1);
  }
}

/** Σ_b KL_b of x [B, 2d] (the term the backward differentiates, before klScale). */
export function klDivergence(x: Floats, latent: number): number {
  let sum = 0;
  for (let r = 0; r < x.length / (2 * latent); r++) {
    for (let j = 0; j < latent; j++) {
      const mu = x[2 * r * latent + j];
      const logVar = x[2 * r * latent + latent + j];
      sum += -0.5 * (1 + logVar - mu * mu - Math.exp(logVar));
    }
  }
  return sum;
}
