// CPU reference for BatchNorm2d (NCHW, affine or not), forward and backward side by side, with PyTorch's
// semantics: training normalises by the batch mean and biased variance and moves the running stats by
// `momentum` towards the batch mean and UNBIASED variance; eval normalises by the running stats. Without
// weight and bias (affine=False) the output is the normalised input and there are no parameter gradients.
import type { Floats } from './pool';

export interface BatchNorm2dParams {
  training: boolean;
  /** Added to the variance; PyTorch's default 1e-5. */
  eps?: number;
  /** running = (1 - momentum) * running + momentum * batch; PyTorch's default 0.1. */
  momentum?: number;
}

export const BN_DEFAULT_EPS = 1e-5;
export const BN_DEFAULT_MOMENTUM = 0.1;

/** Checks an NCHW shape for BatchNorm2d and returns [N, C, H*W]; training needs more than one value per channel. */
export function batchNormDims(shape: readonly number[], training: boolean): [number, number, number] {
  if (shape.length !== 4 || shape.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new Error(`batch_norm2d: input must be NCHW with positive sizes, got [${shape}]`);
  }
  const [n, c, h, w] = shape;
  if (training && n * h * w < 2) {
    throw new Error(`batch_norm2d: training needs more than one value per channel, got input [${shape}]`);
  }
  return [n, c, h * w];
}

/** eps and momentum with PyTorch's defaults, checked: eps >= 0 (and eval adds it to a variance), momentum in [0, 1]. */
export function batchNormSettings(params: BatchNorm2dParams): { eps: number; momentum: number } {
  const eps = params.eps ?? BN_DEFAULT_EPS;
  const momentum = params.momentum ?? BN_DEFAULT_MOMENTUM;
  if (!(eps >= 0 && Number.isFinite(eps)))
    throw new Error(`batch_norm2d: eps must be a finite number >= 0, got ${eps}`);
  if (!(momentum >= 0 && momentum <= 1))
    throw new Error(`batch_norm2d: momentum must be in [0, 1], got ${momentum}`);
  return { eps, momentum };
}

/** Throws unless weight and bias are both given (affine) or both absent. */
export function checkAffine(what: string, weight: unknown, bias: unknown): boolean {
  if (!weight !== !bias)
    throw new Error(`${what}: weight and bias must be given together (affine) or not at all`);
  return !!weight;
}

/**
 * y = (x - mean) * invstd * weight + bias per channel (affine), or (x - mean) * invstd without weight and
 * bias. Writes the mean and invstd = 1/sqrt(var + eps) it used to saveMean/saveInvstd (for backward) and,
 * in training, updates runningMean/runningVar in place.
 */
export function batchNorm2dForward(a: {
  x: Floats;
  y: Floats;
  shape: readonly number[];
  weight?: Floats | null;
  bias?: Floats | null;
  runningMean: Floats;
  runningVar: Floats;
  saveMean: Floats;
  saveInvstd: Floats;
  params: BatchNorm2dParams;
}): void {
  const { x, y, weight, bias, runningMean, runningVar, saveMean, saveInvstd, params } = a;
  const [n, c, plane] = batchNormDims(a.shape, params.training);
  const { eps, momentum } = batchNormSettings(params);
  checkAffine('batch_norm2d', weight, bias);
  const count = n * plane;
  for (let ch = 0; ch < c; ch++) {
    let mean = runningMean[ch];
    let variance = runningVar[ch];
    if (params.training) {
      let sum = 0;
      for (let b = 0; b < n; b++) {
        const base = (b * c + ch) * plane;
        for (let s = 0; s < plane; s++) sum += x[base + s];
      }
      mean = sum / count;
      let m2 = 0;
      for (let b = 0; b < n; b++) {
        const base = (b * c + ch) * plane;
        for (let s = 0; s < plane; s++) m2 += (x[base + s] - mean) ** 2;
      }
      variance = m2 / count;
      runningMean[ch] = (1 - momentum) * runningMean[ch] + momentum * mean;
      runningVar[ch] = (1 - momentum) * runningVar[ch] + momentum * (m2 / (count - 1));
    }
    const invstd = 1 / Math.sqrt(variance + eps);
    saveMean[ch] = mean;
    saveInvstd[ch] = invstd;
    const scale = weight ? invstd * weight[ch] : invstd;
    const shift = bias ? bias[ch] : 0;
    for (let b = 0; b < n; b++) {
      const base = (b * c + ch) * plane;
      for (let s = 0; s < plane; s++) y[base + s] = (x[base + s] - mean) * scale + shift;
    }
  }
}

/**
 * With xhat = (x - mean) * invstd and M = N*H*W values per channel: dbias = sum dy, dweight = sum dy * xhat,
 * and dx = weight * invstd * (dy - dbias / M - xhat * dweight / M) in training (the batch stats depend on x),
 * dx = weight * invstd * dy in eval. Gradients are overwritten; dx may be omitted (first layer). Without a
 * weight (affine=False) it is 1, and there is no dweight or dbias to write (the sums are still needed).
 */
export function batchNorm2dBackward(a: {
  x: Floats;
  dy: Floats;
  shape: readonly number[];
  weight?: Floats | null;
  saveMean: Floats;
  saveInvstd: Floats;
  dx: Floats | null;
  dweight?: Floats | null;
  dbias?: Floats | null;
  params: Pick<BatchNorm2dParams, 'training'>;
}): void {
  const { x, dy, weight, saveMean, saveInvstd, dx, dweight, dbias } = a;
  const [n, c, plane] = batchNormDims(a.shape, a.params.training);
  const affine = !!weight;
  if (affine !== !!dweight || affine !== !!dbias) {
    throw new Error('batch_norm2d backward: dweight and dbias are given exactly when the weight is (affine)');
  }
  const count = n * plane;
  for (let ch = 0; ch < c; ch++) {
    const mean = saveMean[ch];
    const invstd = saveInvstd[ch];
    let sumDy = 0;
    let sumDyXhat = 0;
    for (let b = 0; b < n; b++) {
      const base = (b * c + ch) * plane;
      for (let s = 0; s < plane; s++) {
        sumDy += dy[base + s];
        sumDyXhat += dy[base + s] * (x[base + s] - mean) * invstd;
      }
    }
    if (dbias && dweight) {
      dbias[ch] = sumDy;
      dweight[ch] = sumDyXhat;
    }
    if (!dx) continue;
    const scale = weight ? weight[ch] * invstd : invstd;
    const meanDy = a.params.training ? sumDy / count : 0;
    const meanDyXhat = a.params.training ? sumDyXhat / count : 0;
    for (let b = 0; b < n; b++) {
      const base = (b * c + ch) * plane;
      for (let s = 0; s < plane; s++) {
        const xhat = (x[base + s] - mean) * invstd;
        dx[base + s] = scale * (dy[base + s] - meanDy - xhat * meanDyXhat);
      }
    }
  }
}
