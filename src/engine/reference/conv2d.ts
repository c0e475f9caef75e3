// CPU reference of conv2d, forward and backward side by side: the test oracle and the CPU fallback.
// The loops work on a resolved ConvGeometry so conv_transpose2d reuses them with roles swapped.
import { conv2dGeometry, sameShape, type Conv2dParams, type ConvGeometry } from '../ops/conv-geometry';

/** Float32 for the fallback backend; Float64 lets gradient checks use exact central differences. */
export type Floats = Float32Array | Float64Array;

/** A host-side tensor: contiguous row-major (NCHW) values and their shape. */
export interface HostTensor {
  readonly data: Floats;
  readonly shape: readonly number[];
}

/** First output index o >= 0 with o*s + offset >= 0. */
function firstValid(offset: number, s: number): number {
  return Math.max(0, Math.ceil(-offset / s));
}

/** One past the last output index o < outLen with o*s + offset < inLen (may be <= firstValid). */
function endValid(offset: number, s: number, inLen: number, outLen: number): number {
  return Math.min(outLen, Math.floor((inLen - 1 - offset) / s) + 1);
}

/**
 * y[n,co,oy,ox] = bias[co] + sum_{ci,ky,kx} x[n,g*cinG+ci, oy*sh-ph+ky*dh, ox*sw-pw+kx*dw] * w[co,ci,ky,kx],
 * where g = co / coutG is the output channel's group and ci runs over its cinG = cin / groups channels.
 */
export function correlate(
  g: ConvGeometry,
  x: Floats,
  w: Floats,
  bias: Floats | null,
  y: Floats,
  relu: boolean,
) {
  const { n, cin, h, w: wd, cout, kh, kw, oh, ow, sh, sw, ph, pw, dh, dw, groups } = g;
  const [cinG, coutG] = [cin / groups, cout / groups];
  const plane = oh * ow;
  for (let b = 0; b < n; b++) {
    for (let co = 0; co < cout; co++) {
      const yBase = (b * cout + co) * plane;
      const c0 = Math.floor(co / coutG) * cinG;
      y.fill(bias ? bias[co] : 0, yBase, yBase + plane);
      for (let ci = 0; ci < cinG; ci++) {
        const xBase = (b * cin + c0 + ci) * h * wd;
        for (let ky = 0; ky < kh; ky++) {
          const oy0 = firstValid(ky * dh - ph, sh);
          const oy1 = endValid(ky * dh - ph, sh, h, oh);
          for (let kx = 0; kx < kw; kx++) {
            const wv = w[((co * cinG + ci) * kh + ky) * kw + kx];
            const ox0 = firstValid(kx * dw - pw, sw);
            const ox1 = endValid(kx * dw - pw, sw, wd, ow);
            for (let oy = oy0; oy < oy1; oy++) {
              const xRow = xBase + (oy * sh - ph + ky * dh) * wd + kx * dw - pw;
              const yRow = yBase + oy * ow;
              for (let ox = ox0; ox < ox1; ox++) y[yRow + ox] += wv * x[xRow + ox * sw];
            }
          }
        }
      }
      if (relu) for (let i = yBase; i < yBase + plane; i++) if (y[i] < 0) y[i] = 0;
    }
  }
}

/** The adjoint of `correlate` in x: dx = sum over taps of dy * w scattered back, plus bias[ci] if given. */
export function correlateTransposed(g: ConvGeometry, dy: Floats, w: Floats, bias: Floats | null, dx: Floats) {
  const { n, cin, h, w: wd, cout, kh, kw, oh, ow, sh, sw, ph, pw, dh, dw, groups } = g;
  const [cinG, coutG] = [cin / groups, cout / groups];
  const plane = h * wd;
  for (let b = 0; b < n; b++) {
    for (let ci = 0; ci < cin; ci++) {
      dx.fill(bias ? bias[ci] : 0, (b * cin + ci) * plane, (b * cin + ci + 1) * plane);
    }
    for (let co = 0; co < cout; co++) {
      const yBase = (b * cout + co) * oh * ow;
      const c0 = Math.floor(co / coutG) * cinG;
      for (let ci = 0; ci < cinG; ci++) {
        const xBase = (b * cin + c0 + ci) * plane;
        for (let ky = 0; ky < kh; ky++) {
          const oy0 = firstValid(ky * dh - ph, sh);
          const oy1 = endValid(ky * dh - ph, sh, h, oh);
          for (let kx = 0; kx < kw; kx++) {
            const wv = w[((co * cinG + ci) * kh + ky) * kw + kx];
            const ox0 = firstValid(kx * dw - pw, sw);
            const ox1 = endValid(kx * dw - pw, sw, wd, ow);
            for (let oy = oy0; oy < oy1; oy++) {
              const xRow = xBase + (oy * sh - ph + ky * dh) * wd + kx * dw - pw;
              const yRow = yBase + oy * ow;
              for (let ox = ox0; ox < ox1; ox++) dx[xRow + ox * sw] += wv * dy[yRow + ox];
            }
          }
        }
      }
    }
  }
}

/** dW[co,ci,ky,kx] = sum_{n,oy,ox} dy[n,co,oy,ox] * x[n,g*cinG+ci, oy*sh-ph+ky*dh, ox*sw-pw+kx*dw], g = co / coutG. */
export function correlateWeightGrad(g: ConvGeometry, x: Floats, dy: Floats, dW: Floats) {
  const { n, cin, h, w: wd, cout, kh, kw, oh, ow, sh, sw, ph, pw, dh, dw, groups } = g;
  const [cinG, coutG] = [cin / groups, cout / groups];
  for (let co = 0; co < cout; co++) {
    const c0 = Math.floor(co / coutG) * cinG;
    for (let ci = 0; ci < cinG; ci++) {
      for (let ky = 0; ky < kh; ky++) {
        const oy0 = firstValid(ky * dh - ph, sh);
        const oy1 = endValid(ky * dh - ph, sh, h, oh);
        for (let kx = 0; kx < kw; kx++) {
          const ox0 = firstValid(kx * dw - pw, sw);
          const ox1 = endValid(kx * dw - pw, sw, wd, ow);
          let sum = 0;
          for (let b = 0; b < n; b++) {
            const xBase = (b * cin + c0 + ci) * h * wd + kx * dw - pw;
            const yBase = (b * cout + co) * oh * ow;
            for (let oy = oy0; oy < oy1; oy++) {
              const xRow = xBase + (oy * sh - ph + ky * dh) * wd;
              const yRow = yBase + oy * ow;
              for (let ox = ox0; ox < ox1; ox++) sum += dy[yRow + ox] * x[xRow + ox * sw];
            }
          }
          dW[((co * cinG + ci) * kh + ky) * kw + kx] = sum;
        }
      }
    }
  }
}

/** db[c] = sum over batch and space of dy[n, c, :, :]. */
export function channelSum(dy: HostTensor, db: HostTensor): void {
  const [n, c] = dy.shape;
  const plane = dy.shape.slice(2).reduce((a, b) => a * b, 1);
  sameShape('bias gradient', db.shape, [c]);
  for (let ch = 0; ch < c; ch++) {
    let sum = 0;
    for (let b = 0; b < n; b++) {
      const base = (b * c + ch) * plane;
      for (let i = 0; i < plane; i++) sum += dy.data[base + i];
    }
    db.data[ch] = sum;
  }
}

export interface Conv2dForwardArgs {
  x: HostTensor;
  weight: HostTensor;
  bias?: HostTensor | null;
  y: HostTensor;
  params?: Conv2dParams;
  /** Applies max(0, y) after the bias, like the GPU kernel's fused epilogue. */
  relu?: boolean;
}

export function conv2dForward({ x, weight, bias, y, params, relu = false }: Conv2dForwardArgs): void {
  const g = conv2dGeometry(x.shape, weight.shape, params);
  sameShape('conv2d output', y.shape, [g.n, g.cout, g.oh, g.ow]);
  if (bias) sameShape('conv2d bias', bias.shape, [g.cout]);
  correlate(g, x.data, weight.data, bias?.data ?? null, y.data, relu);
}

/** dx = conv_transpose2d(dy, weight): writes (overwrites) dx. */
export function conv2dBackwardInput(a: {
  dy: HostTensor;
  weight: HostTensor;
  dx: HostTensor;
  params?: Conv2dParams;
}) {
  const g = conv2dGeometry(a.dx.shape, a.weight.shape, a.params);
  sameShape('conv2d output gradient', a.dy.shape, [g.n, g.cout, g.oh, g.ow]);
  correlateTransposed(g, a.dy.data, a.weight.data, null, a.dx.data);
}

/** dW from the layer input x and the output gradient dy: writes (overwrites) dweight. */
export function conv2dBackwardWeight(a: {
  x: HostTensor;
  dy: HostTensor;
  dweight: HostTensor;
  params?: Conv2dParams;
}) {
  const g = conv2dGeometry(a.x.shape, a.dweight.shape, a.params);
  sameShape('conv2d output gradient', a.dy.shape, [g.n, g.cout, g.oh, g.ow]);
  correlateWeightGrad(g, a.x.data, a.dy.data, a.dweight.data);
}

/** db = dy summed over batch and space: writes (overwrites) dbias. */
export function conv2dBackwardBias(a: { dy: HostTensor; dbias: HostTensor }): void {
  channelSum(a.dy, a.dbias);
}
