// CPU reference for GroupNorm (NCHW, affine or not), forward and backward side by side, with PyTorch's
// semantics: the C channels split into G groups of C/G; each sample's group is normalised by its own mean
// and biased variance over its (C/G)*H*W values (no running statistics, training and eval alike), then
// scaled and shifted per channel. In NCHW a sample's group is one contiguous run of (C/G)*H*W values.
import { checkAffine } from './batch-norm';
import type { Floats } from './pool';

export interface GroupNormParams {
  /** G; the channel count must be divisible by it. */
  groups: number;
  /** Added to the variance; PyTorch's default 1e-5. */
  eps?: number;
}

export const GN_DEFAULT_EPS = 1e-5;

export interface GroupNormDims {
  n: number;
  channels: number;
  groups: number;
  /** H*W */
  plane: number;
  /** Values a sample's group normalises: (C/G)*H*W. */
  groupSize: number;
  eps: number;
}

/** Checks an NCHW shape and the params against each other, with PyTorch's wording for the channel count. */
export function groupNormDims(shape: readonly number[], params: GroupNormParams): GroupNormDims {
  if (shape.length !== 4 || shape.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new Error(`group_norm: input must be NCHW with positive sizes, got [${shape}]`);
  }
  const [n, channels, h, w] = shape;
  const { groups } = params;
  if (!Number.isInteger(groups) || groups < 1) {
    throw new Error(`group_norm: num_groups must be an integer >= 1, got ${groups}`);
  }
  if (channels % groups !== 0) {
    throw new Error(`group_norm: num_channels ${channels} must be divisible by num_groups ${groups}`);
  }
  const eps = params.eps ?? GN_DEFAULT_EPS;
  if (!(eps >= 0 && Number.isFinite(eps)))
    throw new Error(`group_norm: eps must be a finite number >= 0, got ${eps}`);
  return { n, channels, groups, plane: h * w, groupSize: (channels / groups) * h * w, eps };
}

/**
 * y = (x - mean) * invstd * weight[c] + bias[c], mean and invstd = 1/sqrt(var + eps) of the sample's group;
 * without weight and bias (affine=False) y = (x - mean) * invstd. Writes the statistics it used to
 * saveMean/saveInvstd, [N*G] in (sample, group) order, for backward.
 */
export function groupNormForward(a: {
  x: Floats;
  y: Floats;
  shape: readonly number[];
  weight?: Floats | null;
  bias?: Floats | null;
  saveMean: Floats;
  saveInvstd: Floats;
  params: GroupNormParams;
}): void {
  const { x, y, weight, bias, saveMean, saveInvstd } = a;
  const { n, channels, groups, plane, groupSize, eps } = groupNormDims(a.shape, a.params);
  checkAffine('group_norm', weight, bias);
  const perGroup = channels / groups;
  for (let r = 0; r < n * groups; r++) {
    const base = r * groupSize;
    let sum = 0;
    for (let i = 0; i < groupSize; i++) sum += x[base + i];
    const mean = sum / groupSize;
    let m2 = 0;
    for (let i = 0; i < groupSize; i++) m2 += (x[base + i] - mean) ** 2;
    const invstd = 1 / Math.sqrt(m2 / groupSize + eps);
    saveMean[r] = mean;
    saveInvstd[r] = invstd;
    for (let k = 0; k < perGroup; k++) {
      const c = (r % groups) * perGroup + k;
      const scale = weight ? invstd * weight[c] : invstd;
      const shift = bias ? bias[c] : 0;
      for (let s = base + k * plane; s < base + (k + 1) * plane; s++) y[s] = (x[s] - mean) * scale + shift;
    }
  }
}

/**
 * With xhat = (x - mean) * invstd, g = dy * weight[c] (dy without affine) and M = (C/G)*H*W values a group:
 * dbias[c] = sum over samples and space of dy, dweight[c] = sum of dy * xhat, and
 * dx = invstd * (g - mean(g) - xhat * mean(g * xhat)), the means over the sample's group. Gradients are
 * overwritten; dx may be omitted (first layer); dweight and dbias are given exactly when the weight is.
 */
export function groupNormBackward(a: {
  x: Floats;
  dy: Floats;
  shape: readonly number[];
  weight?: Floats | null;
  saveMean: Floats;
  saveInvstd: Floats;
  dx: Floats | null;
  dweight?: Floats | null;
  dbias?: Floats | null;
  params: GroupNormParams;
}): void {
  const { x, dy, weight, saveMean, saveInvstd, dx, dweight, dbias } = a;
  const { n, channels, groups, plane, groupSize } = groupNormDims(a.shape, a.params);
  if (!!weight !== !!dweight || !!weight !== !!dbias) {
    throw new Error('group_norm backward: dweight and dbias are given exactly when the weight is (affine)');
  }
  const perGroup = channels / groups;
  dweight?.fill(0);
  dbias?.fill(0);
  for (let r = 0; r < n * groups; r++) {
    const base = r * groupSize;
    const mean = saveMean[r];
    const invstd = saveInvstd[r];
    let sumG = 0;
    let sumGXhat = 0;
    for (let k = 0; k < perGroup; k++) {
      const c = (r % groups) * perGroup + k;
      const wc = weight ? weight[c] : 1;
      let sumDy = 0;
      let sumDyXhat = 0;
      for (let s = base + k * plane; s < base + (k + 1) * plane; s++) {
        sumDy += dy[s];
        sumDyXhat += dy[s] * (x[s] - mean) * invstd;
      }
      if (dbias && dweight) {
        dbias[c] += sumDy;
        dweight[c] += sumDyXhat;
      }
      sumG += wc * sumDy;
      sumGXhat += wc * sumDyXhat;
    }
    if (!dx) continue;
    const [meanG, meanGXhat] = [sumG / groupSize, sumGXhat / groupSize];
    for (let k = 0; k < perGroup; k++) {
      const c = (r % groups) * perGroup + k;
      const wc = weight ? weight[c] : 1;
      for (let s = base + k * plane; s < base + (k + 1) * plane; s++) {
        const xhat = (x[s] - mean) * invstd;
        dx[s] = invstd * (wc * dy[s] - meanG - xhat * meanGXhat);
      }
    }
  }
}
