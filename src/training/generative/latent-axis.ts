// Where a decoded grid of a 2-D latent space puts its codes along each axis: evenly over [−extent, extent],
// or at quantiles of N(0, 1) (the usual VAE figure, Kingma and Welling 2014): a VAE's codes are pulled
// towards a standard normal, so quantile cells hold equal shares of the prior's mass where even ones give
// the crowded centre as many cells as the sparse edges.

/** `side` values spaced evenly over [lo, hi] (their middle alone when side is 1). */
export function spanAxis(side: number, lo: number, hi: number): Float64Array {
  return Float64Array.from({ length: side }, (_, k) =>
    side === 1 ? (lo + hi) / 2 : lo + ((hi - lo) * k) / (side - 1),
  );
}

/** `side` values spaced evenly over [−extent, extent] (0 alone when side is 1). */
export function evenAxis(side: number, extent: number): Float64Array {
  return spanAxis(side, -extent, extent);
}

/**
 * The codes of a grid with `x` across and `y` up, as (x, y) pairs in reading order: rows from the top (y
 * descending, as the latent map is drawn), each row left to right. Both axes ascend.
 */
export function gridCodes(x: ArrayLike<number>, y: ArrayLike<number>): Float32Array {
  const codes = new Float32Array(2 * x.length * y.length);
  for (let r = 0; r < y.length; r++) {
    for (let c = 0; c < x.length; c++) {
      codes[2 * (r * x.length + c)] = x[c];
      codes[2 * (r * x.length + c) + 1] = y[y.length - 1 - r];
    }
  }
  return codes;
}

/** The standard normal's quantiles at `side` probabilities spaced evenly over [lo, hi]. */
export function gaussianAxis(side: number, lo = 0.05, hi = 0.95): Float64Array {
  if (!(lo > 0 && hi < 1 && lo <= hi))
    throw new Error(`Gaussian grid probabilities must satisfy 0 < lo ≤ hi < 1, got ${lo} and ${hi}`);
  return Float64Array.from({ length: side }, (_, k) =>
    normalQuantile(side === 1 ? 0.5 : lo + ((hi - lo) * k) / (side - 1)),
  );
}

// Acklam's rational approximations of the inverse normal CDF (relative error below 1.2e-9): one for the
// central region |p − 0.5| ≤ 0.475, one in √(−2 log p) for each tail.
const A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const LOW = 0.02425;

/** Horner's rule: c[0]·x^(n−1) + … + c[n−1]. */
const poly = (c: number[], x: number) => c.reduce((acc, v) => acc * x + v, 0);

/** x with Φ(x) = p for the standard normal's CDF Φ, p in (0, 1). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`a normal quantile needs 0 < p < 1, got ${p}`);
  if (p < LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(C, q) / (poly(D, q) * q + 1);
  }
  if (p > 1 - LOW) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (poly(A, r) * q) / (poly(B, r) * r + 1);
}
