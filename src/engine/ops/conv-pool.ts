// conv2d + bias + ReLU + max_pool2d 2x2 of stride 2 as one pass (conv2d_forward_pool_subgroup.wgsl): the conv
// output is pooled in registers and never written; y is the pooled output and indices the pool's argmax, as
// planMaxPool2dForward writes them, so the pool's backward reads them unchanged.
import { bindKernel, getKernel } from '../../gpu/kernel';
import { conv2dForwardPoolSubgroupSpec } from '../../gpu/kernels/conv2d_forward_pool_subgroup';
import { hasQuadLanes } from '../../gpu/subgroups';
import type { EngineContext, PlannedOp } from '../op';
import { bindingOf, type Tensor } from '../tensor';
import { conv2dGeometry, sameShape, type Conv2dParams, type ConvGeometry } from './conv-geometry';
import { convUniforms, directColumnTile, dispatchOp, groupBatch, uniformBuffer } from './conv-passes';

/** Whether the fused kernel runs g: unit stride and dilation along x, even output sizes, quad lanes. */
export function convPoolApplies(g: ConvGeometry, quadLanes: boolean): boolean {
  return quadLanes && g.sw === 1 && g.dw === 1 && g.oh % 2 === 0 && g.ow % 2 === 0;
}

/**
 * y = max_pool2d(act(conv2d(x, weight) + bias), 2, 2) with indices its argmax (iy * ow + ix in the conv
 * output's plane): x [n,cin,h,w], y and indices [n,cout,oh/2,ow/2].
 */
export function planConv2dPoolForward(
  ctx: EngineContext,
  a: {
    x: Tensor;
    weight: Tensor;
    bias: Tensor | null;
    y: Tensor;
    indices: Tensor;
    params?: Conv2dParams;
    relu: boolean;
    label?: string;
  },
): PlannedOp {
  const label = a.label ?? 'conv2d_pool.forward';
  const g = conv2dGeometry(a.x.shape, a.weight.shape, a.params);
  if (!convPoolApplies(g, hasQuadLanes(ctx.device))) {
    throw new Error(
      `${label}: the fused conv + pool kernel needs quad lanes, stride and dilation 1 along x and an even conv output (got ${g.oh}x${g.ow})`,
    );
  }
  const pooled = [g.n, g.cout, g.oh / 2, g.ow / 2];
  sameShape(`${label}: pooled output`, a.y.shape, pooled);
  sameShape(`${label}: indices`, a.indices.shape, pooled);
  if (a.bias) sameShape(`${label}: bias`, a.bias.shape, [g.cout]);
  const xTile = directColumnTile(g.ow);
  const kernel = getKernel(
    ctx.device,
    conv2dForwardPoolSubgroupSpec({ hasBias: !!a.bias, relu: a.relu, xTile }),
  );
  const resources = {
    params: uniformBuffer(ctx, kernel, label, convUniforms(g)),
    x: bindingOf(a.x),
    weight: bindingOf(a.weight),
    // Without a bias the binding still needs a buffer; HAS_BIAS = 0 leaves it unread.
    bias: a.bias ? bindingOf(a.bias) : ctx.arena.storage(`${label}/no-bias`, 16),
    y: bindingOf(a.y),
    indices: bindingOf(a.indices),
  };
  // A quad a (image, 8-channel group), pair of output rows and pair of column blocks.
  const v = groupBatch(g);
  const quads = v.n * Math.ceil(v.cout / 8) * (g.oh / 2) * Math.ceil(g.ow / (2 * xTile));
  return dispatchOp(label, kernel, bindKernel(ctx.device, kernel, resources, label), 4 * quads);
}
