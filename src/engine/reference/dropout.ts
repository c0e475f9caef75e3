// CPU reference for Dropout with a counter-based mask: element i at training step `step` is kept when the
// hash of (i, step, seed) clears a threshold, so the mask is a pure function of (seed, step): the GPU and
// the CPU draw the same mask bit for bit, and backward recomputes it instead of storing it.
import type { Floats } from './pool';

export interface DropoutParams {
  /** Probability of zeroing an element, in [0, 1]. */
  p: number;
  /** A u32 per layer, so layers draw different masks. */
  seed: number;
  training: boolean;
}

/**
 * pcg3d (Jarzynski and Olano, "Hash Functions for GPU Rendering", JCGT 2020), x component only: a
 * well-mixed hash of three u32 counters. shaders/dropout_forward.wgsl holds the same lines in WGSL.
 */
export function dropoutHash(index: number, step: number, seed: number): number {
  let x = (Math.imul(index, 1664525) + 1013904223) >>> 0;
  let y = (Math.imul(step, 1664525) + 1013904223) >>> 0;
  let z = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  x = (x + Math.imul(y, z)) >>> 0;
  y = (y + Math.imul(z, x)) >>> 0;
  z = (z + Math.imul(x, y)) >>> 0;
  x = (x ^ (x >>> 16)) >>> 0;
  y = (y ^ (y >>> 16)) >>> 0;
  z = (z ^ (z >>> 16)) >>> 0;
  return (x + Math.imul(y, z)) >>> 0;
}

/** The mask rule both backends share: keep when the hash's top 24 bits reach `threshold`. */
export interface DropoutRule {
  /** round(p * 2^24): the drop probability is exactly threshold / 2^24. */
  threshold: number;
  /** 1 / (1 - p) in float32 (0 when p = 1, where nothing is kept), applied to kept elements. */
  scale: number;
}

/** Validates the parameters and returns the integer threshold and scale; eval is threshold 0, scale 1. */
export function dropoutRule(params: DropoutParams): DropoutRule {
  const { p, seed } = params;
  if (!(p >= 0 && p <= 1)) throw new Error(`dropout: p must be in [0, 1], got ${p}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new Error(`dropout: seed must be an integer in [0, 2^32), got ${seed}`);
  }
  if (!params.training) return { threshold: 0, scale: 1 };
  return { threshold: Math.round(p * 2 ** 24), scale: p === 1 ? 0 : Math.fround(1 / (1 - p)) };
}

export function checkStep(step: number): void {
  if (!Number.isInteger(step) || step < 0 || step > 0xffffffff) {
    throw new Error(`dropout: step must be an integer in [0, 2^32), got ${step}`);
  }
}

/** out[i] = keep(i) ? v[i] * scale : 0. Forward and backward are this same masked scale. */
function applyMask(v: Floats, out: Floats, params: DropoutParams, step: number): void {
  if (v.length !== out.length) throw new Error(`dropout: ${v.length} inputs but ${out.length} outputs`);
  checkStep(step);
  const { threshold, scale } = dropoutRule(params);
  for (let i = 0; i < v.length; i++) {
    const keep = dropoutHash(i, step, params.seed) >>> 8 >= threshold;
    out[i] = keep ? v[i] * scale : 0;
  }
}

/** y = x * mask / (1 - p) in training with the mask of (seed, step); y = x in eval. */
export function dropoutForward(a: { x: Floats; y: Floats; params: DropoutParams; step: number }): void {
  applyMask(a.x, a.y, a.params, a.step);
}

/** dx = dy * mask / (1 - p) with the forward pass's mask, recomputed from (seed, step). */
export function dropoutBackward(a: { dy: Floats; dx: Floats; params: DropoutParams; step: number }): void {
  applyMask(a.dy, a.dx, a.params, a.step);
}
