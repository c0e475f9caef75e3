// CPU reference of conv_transpose2d: the adjoint of conv2d, so each pass is a conv2d pass with roles swapped
// (forward = conv2d's dx, dx = conv2d's forward, dW = conv2d's dW with input and output gradient exchanged).
import { convTranspose2dGeometry, sameShape, type ConvTranspose2dParams } from '../ops/conv-geometry';
import { channelSum, correlate, correlateTransposed, correlateWeightGrad, type HostTensor } from './conv2d';

export interface ConvTranspose2dForwardArgs {
  x: HostTensor;
  /** [cin, cout / groups, kh, kw], PyTorch's layout. */
  weight: HostTensor;
  bias?: HostTensor | null;
  y: HostTensor;
  params?: ConvTranspose2dParams;
}

export function convTranspose2dForward({ x, weight, bias, y, params }: ConvTranspose2dForwardArgs): void {
  const g = convTranspose2dGeometry(x.shape, weight.shape, params);
  sameShape('conv_transpose2d output', y.shape, [g.n, g.cin, g.h, g.w]);
  if (bias) sameShape('conv_transpose2d bias', bias.shape, [g.cin]);
  correlateTransposed(g, x.data, weight.data, bias?.data ?? null, y.data);
}

/** dx = conv2d(dy, weight) with the same stride, padding and dilation: writes (overwrites) dx. */
export function convTranspose2dBackwardInput(a: {
  dy: HostTensor;
  weight: HostTensor;
  dx: HostTensor;
  params?: ConvTranspose2dParams;
}): void {
  const g = convTranspose2dGeometry(a.dx.shape, a.weight.shape, a.params);
  sameShape('conv_transpose2d output gradient', a.dy.shape, [g.n, g.cin, g.h, g.w]);
  correlate(g, a.dy.data, a.weight.data, null, a.dx.data, false);
}

/** dW[ci,co,ky,kx] = sum x[n,ci,i] * dy[n,co,i*s-p+k*d]: writes (overwrites) dweight. */
export function convTranspose2dBackwardWeight(a: {
  x: HostTensor;
  dy: HostTensor;
  dweight: HostTensor;
  params?: ConvTranspose2dParams;
}): void {
  const g = convTranspose2dGeometry(a.x.shape, a.dweight.shape, a.params);
  sameShape('conv_transpose2d output gradient', a.dy.shape, [g.n, g.cin, g.h, g.w]);
  correlateWeightGrad(g, a.dy.data, a.x.data, a.dweight.data);
}

export function convTranspose2dBackwardBias(a: { dy: HostTensor; dbias: HostTensor }): void {
  channelSum(a.dy, a.dbias);
}
