// erf and erfc in float64 for the CPU reference (JavaScript has no Math.erf), accurate to ~1e-14: GELU's
// oracle, against which the GPU's f32 approximation (shaders/common/activation.wgsl) is tested.

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
/** Below this |x| the Maclaurin series converges fast enough (~40 terms, ~1e-15); above, the continued fraction. */
const SERIES_LIMIT = 2.5;
/** Depth of erfc's continued fraction: enough for ~1e-14 relative error from x = 2.5 up. */
const FRACTION_DEPTH = 40;

/** erf x = 2/√π Σ (-1)^n x^(2n+1) / (n! (2n+1)), for |x| < SERIES_LIMIT. */
function erfSeries(x: number): number {
  const x2 = x * x;
  let power = x;
  let sum = x;
  for (let n = 1; ; n++) {
    power *= -x2 / n;
    const term = power / (2 * n + 1);
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) return TWO_OVER_SQRT_PI * sum;
  }
}

/** erfc z for z >= SERIES_LIMIT, Laplace's continued fraction e^(-z²)/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + …)))). */
function erfcFraction(z: number): number {
  let f = z;
  for (let k = FRACTION_DEPTH; k >= 1; k--) f = z + k / 2 / f;
  return Math.exp(-z * z) / (Math.sqrt(Math.PI) * f);
}

export function erf(x: number): number {
  if (Math.abs(x) < SERIES_LIMIT) return erfSeries(x);
  if (Number.isNaN(x)) return NaN;
  return x > 0 ? 1 - erfcFraction(x) : erfcFraction(-x) - 1;
}

/** erfc x = 1 - erf x, without the cancellation for large x (GELU's negative tail needs it). */
export function erfc(x: number): number {
  if (Math.abs(x) < SERIES_LIMIT) return 1 - erfSeries(x);
  if (Number.isNaN(x)) return NaN;
  return x > 0 ? erfcFraction(x) : 2 - erfcFraction(-x);
}
