// The weight and bias gradients of a conv -> ReLU -> 2x2 max-pool of stride 2 chain straight from the pooled
// dy and the pool's argmax (conv2d_backward_weight_pool.wgsl), in place of max_pool2d_backward_windows (which
// writes the un-pooled, ReLU-masked dy, 3 in 4 of it zeros) followed by the conv's weight-gradient kernel.
import { bindKernel, getKernel } from '../../gpu/kernel';
import { conv2dBackwardWeightPoolSpec } from '../../gpu/kernels/conv2d_backward_weight_pool';
import type { EngineContext, PlannedOp } from '../op';
import { bindingOf, type Tensor } from '../tensor';
import { conv2dGeometry, sameShape, type Conv2dParams, type ConvGeometry } from './conv-geometry';
import { reduceOp, splitK } from './conv-grad-passes';
import { convUniforms, dispatchOp, uniformBuffer } from './conv-passes';
import { sequence } from './dispatch';

/** Whether the pooled weight-gradient kernel runs g: one group, kw <= 8. */
export function convPoolGradApplies(g: ConvGeometry): boolean {
  return g.groups === 1 && g.kw <= 8;
}

/**
 * dweight [cout,cin,kh,kw] and dbias [cout] of y = max_pool2d(relu(conv2d(x, weight) + bias), 2, 2), from
 * x [n,cin,h,w], the pooled dy, the pooled y (the ReLU mask: gradient passes where y > 0) and indices (the
 * pool's argmax, iy * ow + ix in the conv output's plane), all three [n, cout, oh / 2, ow / 2].
 */
export function planConv2dPoolWeightGrad(
  ctx: EngineContext,
  a: {
    x: Tensor;
    dy: Tensor;
    y: Tensor;
    indices: Tensor;
    dweight: Tensor;
    dbias: Tensor | null;
    params?: Conv2dParams;
    label?: string;
  },
): PlannedOp {
  const label = a.label ?? 'conv2d_pool.backward_weight';
  const g = conv2dGeometry(a.x.shape, a.dweight.shape, a.params);
  if (!convPoolGradApplies(g)) {
    throw new Error(
      `${label}: the pooled weight-gradient kernel needs one group and a kernel at most 8 wide (got groups ${g.groups}, kw ${g.kw})`,
    );
  }
  const pooled = [g.n, g.cout, Math.floor(g.oh / 2), Math.floor(g.ow / 2)];
  sameShape(`${label}: pooled output gradient`, a.dy.shape, pooled);
  sameShape(`${label}: pooled output`, a.y.shape, pooled);
  sameShape(`${label}: indices`, a.indices.shape, pooled);
  if (a.dbias) sameShape(`${label}: bias gradient`, a.dbias.shape, [g.cout]);
  // ky blocks of at most 5 rows, as even as they go (kh 7: 4 + 3).
  const kyBlocks = Math.ceil(g.kh / 5);
  const kyTile = Math.ceil(g.kh / kyBlocks);
  const kernel = getKernel(
    ctx.device,
    conv2dBackwardWeightPoolSpec({ kw: g.kw, kyTile, hasBias: !!a.dbias }),
  );
  const tiles = g.cout * g.cin * kyBlocks;
  const [splits, chunk] = splitK(g.n * pooled[2], tiles, 1);
  // Bias partials [splits, cout] after the weights' from a 256-byte boundary (store_bias in WGSL).
  const weightFloats = splits * g.cout * g.cin * g.kh * g.kw;
  const biasStart = Math.ceil(weightFloats / 64) * 64 * 4;
  const biasBytes = a.dbias ? splits * g.cout * 4 : 0;
  const partial = ctx.arena.storage(`${label}/partial`, a.dbias ? biasStart + biasBytes : weightFloats * 4);
  const resources = {
    params: uniformBuffer(ctx, kernel, label, convUniforms(g, splits, chunk)),
    x: bindingOf(a.x),
    dy: bindingOf(a.dy),
    partial,
    indices: bindingOf(a.indices),
    y: bindingOf(a.y),
  };
  const ops = [
    dispatchOp(label, kernel, bindKernel(ctx.device, kernel, resources, label), splits * tiles),
    reduceOp(ctx, label, partial, a.dweight, splits),
  ];
  if (a.dbias) {
    ops.push(
      reduceOp(
        ctx,
        `${label}/bias`,
        { buffer: partial, offset: biasStart, size: biasBytes },
        a.dbias,
        splits,
      ),
    );
  }
  return sequence(label, ops);
}
