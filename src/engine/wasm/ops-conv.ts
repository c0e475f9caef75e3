// conv2d and conv_transpose2d on the wasm kernels, with the reference's checks and messages. As in the
// reference, a transposed convolution is the conv2d it is the adjoint of with roles swapped: its forward is
// conv2d's input gradient (with its bias), its input gradient conv2d's forward, its weight gradient conv2d's
// weight gradient with x and dy exchanged.
import type { CpuOps } from '../cpu-ops';
import { conv2dGeometry, convTranspose2dGeometry, sameShape, type ConvGeometry } from '../ops/conv-geometry';
import type { HostTensor } from '../reference/conv2d';
import { count, partsFor, pointer, type WasmContext } from './context';

type ConvOps = Pick<
  CpuOps,
  | 'conv2dForward'
  | 'conv2dBackwardInput'
  | 'conv2dBackwardWeight'
  | 'conv2dBackwardBias'
  | 'convTranspose2dForward'
  | 'convTranspose2dBackwardInput'
  | 'convTranspose2dBackwardWeight'
  | 'convTranspose2dBackwardBias'
>;

const dims = (g: ConvGeometry) =>
  [g.n, g.cin, g.h, g.w, g.cout, g.kh, g.kw, g.oh, g.ow, g.sh, g.sw, g.ph, g.pw, g.dh, g.dw] as const;

/** Multiply-adds of one pass: every output of the conv2d times its cin*kh*kw taps. */
const work = (g: ConvGeometry) => g.n * g.cout * g.oh * g.ow * g.cin * g.kh * g.kw;

export function convOps(ctx: WasmContext): ConvOps {
  const ptr = (op: string, name: string, t: HostTensor) => pointer(ctx, op, name, t.data, count(t.shape));

  /** y = conv2d(x) (+ bias over output channels): conv2d's forward and convT's input gradient. */
  const correlate = (
    op: string,
    g: ConvGeometry,
    x: HostTensor,
    w: HostTensor,
    bias: HostTensor | null,
    y: HostTensor,
    relu: boolean,
  ) =>
    ctx.pool.run(
      'conv2dForward',
      [
        ptr(op, 'x', x),
        ptr(op, 'weight', w),
        bias ? ptr(op, 'bias', bias) : 0,
        ptr(op, 'y', y),
        ...dims(g),
        relu ? 1 : 0,
      ],
      partsFor(ctx, work(g)),
    );
  /** dx = conv2d's adjoint in x (+ bias over input channels): conv2d's input gradient and convT's forward. */
  const correlateTransposed = (
    op: string,
    g: ConvGeometry,
    dy: HostTensor,
    w: HostTensor,
    bias: HostTensor | null,
    dx: HostTensor,
  ) =>
    ctx.pool.run(
      'conv2dBackwardInput',
      [
        ptr(op, 'dy', dy),
        ptr(op, 'weight', w),
        bias ? ptr(op, 'bias', bias) : 0,
        ptr(op, 'dx', dx),
        ...dims(g),
      ],
      partsFor(ctx, work(g)),
    );
  const weightGrad = (op: string, g: ConvGeometry, x: HostTensor, dy: HostTensor, dw: HostTensor) =>
    ctx.pool.run(
      'conv2dBackwardWeight',
      [ptr(op, 'x', x), ptr(op, 'dy', dy), ptr(op, 'dweight', dw), ...dims(g)],
      partsFor(ctx, work(g)),
    );
  const channelSum = (op: string, dy: HostTensor, db: HostTensor) => {
    const [n, c] = dy.shape;
    const plane = count(dy.shape.slice(2));
    sameShape('bias gradient', db.shape, [c]);
    ctx.pool.run(
      'channelSum',
      [ptr(op, 'dy', dy), ptr(op, 'dbias', db), n, c, plane],
      partsFor(ctx, n * c * plane),
    );
  };

  return {
    conv2dForward({ x, weight, bias, y, params, relu = false }) {
      const g = conv2dGeometry(x.shape, weight.shape, params);
      sameShape('conv2d output', y.shape, [g.n, g.cout, g.oh, g.ow]);
      if (bias) sameShape('conv2d bias', bias.shape, [g.cout]);
      correlate('conv2d', g, x, weight, bias ?? null, y, relu);
    },
    conv2dBackwardInput(a) {
      const g = conv2dGeometry(a.dx.shape, a.weight.shape, a.params);
      sameShape('conv2d output gradient', a.dy.shape, [g.n, g.cout, g.oh, g.ow]);
      correlateTransposed('conv2d backward input', g, a.dy, a.weight, null, a.dx);
    },
    conv2dBackwardWeight(a) {
      const g = conv2dGeometry(a.x.shape, a.dweight.shape, a.params);
      sameShape('conv2d output gradient', a.dy.shape, [g.n, g.cout, g.oh, g.ow]);
      weightGrad('conv2d backward weight', g, a.x, a.dy, a.dweight);
    },
    conv2dBackwardBias: (a) => channelSum('conv2d backward bias', a.dy, a.dbias),
    convTranspose2dForward({ x, weight, bias, y, params }) {
      const g = convTranspose2dGeometry(x.shape, weight.shape, params);
      sameShape('conv_transpose2d output', y.shape, [g.n, g.cin, g.h, g.w]);
      if (bias) sameShape('conv_transpose2d bias', bias.shape, [g.cin]);
      correlateTransposed('conv_transpose2d', g, x, weight, bias ?? null, y);
    },
    convTranspose2dBackwardInput(a) {
      const g = convTranspose2dGeometry(a.dx.shape, a.weight.shape, a.params);
      sameShape('conv_transpose2d output gradient', a.dy.shape, [g.n, g.cin, g.h, g.w]);
      correlate('conv_transpose2d backward input', g, a.dy, a.weight, null, a.dx, false);
    },
    convTranspose2dBackwardWeight(a) {
      const g = convTranspose2dGeometry(a.x.shape, a.dweight.shape, a.params);
      sameShape('conv_transpose2d output gradient', a.dy.shape, [g.n, g.cin, g.h, g.w]);
      weightGrad('conv_transpose2d backward weight', g, a.dy, a.x, a.dweight);
    },
    convTranspose2dBackwardBias: (a) => channelSum('conv_transpose2d backward bias', a.dy, a.dbias),
  };
}
