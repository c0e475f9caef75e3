// A normalisation layer, seen from its values: per channel, for one image, the output is one scale and
// shift of the input, y = a·x + b (BatchNorm by its running statistics, GroupNorm by the image's group
// statistics, each with γ and β folded in). A least-squares fit recovers a and b and shows how exact it is.

export interface AffineFit {
  a: number;
  b: number;
  /** Largest |a·x + b − y|. */
  residual: number;
}

export function fitAffine(x: ArrayLike<number>, y: ArrayLike<number>): AffineFit {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  const a = sxx > 0 ? sxy / sxx : 0;
  const b = my - a * mx;
  let residual = 0;
  for (let i = 0; i < n; i++) residual = Math.max(residual, Math.abs(a * x[i] + b - y[i]));
  return { a, b, residual };
}
