// The weight and bias gradients of a conv -> ReLU -> 2x2 max-pool of stride 2 chain straight from the pooled
// dy and the pool's argmax (conv2d_backward_weight_pool.wgsl), in place of max_pool2d_backward_windows (which
// writes the un-pooled, ReLU-masked dy, 3 in 4 of it zeros) followed by the conv's weight-gradient kernel.
import { bindKernel, getKernel } from '../../gpu/kernel';
import { conv2dBackwardWeightPoolSpec } from '../../gpu/kernels/conv2d_backward_weight_pool';
import type { EngineContext, PlannedOp, TunableSite } from '../op';
import { correlateWeightGrad } from '../reference/conv2d';
import { maxPool2dBackward } from '../reference/pool';
import { bindingOf, sizeOf, tensor, type Tensor } from '../tensor';
import { chooseVariant, scratchTensor, scratchValues } from '../tuning/site';
import { conv2dGeometry, sameShape, type Conv2dParams, type ConvGeometry } from './conv-geometry';
import { planWeightGrad, reduceOp, splitK } from './conv-grad-passes';
import { convUniforms, dispatchOp, uniformBuffer } from './conv-passes';
import { convKey } from './conv-sites';
import { sequence } from './dispatch';
import { planMaxPool2dBackward } from './pool';

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

export type ConvPoolGradVariant = 'pooled' | 'separate';

const POOL = { kernelSize: 2, stride: 2 };

/**
 * Whether a first conv (no input gradient) of a fused conv -> ReLU -> pool chain computes its weight and
 * bias gradients from the pooled dy (the pool's backward and the un-pooled dy then go): the tuned (or the
 * rule's) variant of the site `conv2d.weight_grad_pool`. The rule takes 'pooled' where it applies (LeNet
 * conv1, batch 64 on SwiftShader: 1.45-1.51x the pool's backward then direct5, see docs/BENCH.md).
 */
export function convPoolGradChosen(ctx: EngineContext, g: ConvGeometry, hasBias: boolean): boolean {
  if (!convPoolGradApplies(g)) return false;
  return chooseVariant(ctx, convPoolGradSite(g, hasBias)) === 'pooled';
}

/** The site: x (1), pooled dy (4), pooled y (5, half of it <= 0) and a fixed argmax -> dweight. */
export function convPoolGradSite(g: ConvGeometry, hasBias: boolean): TunableSite {
  const convShape = [g.n, g.cout, g.oh, g.ow];
  const pooled = [g.n, g.cout, Math.floor(g.oh / 2), Math.floor(g.ow / 2)];
  const wShape = [g.cout, g.cin, g.kh, g.kw];
  const params: Conv2dParams = { stride: [g.sh, g.sw], padding: [g.ph, g.pw], dilation: [g.dh, g.dw] };
  // Window (py, px)'s argmax: one of its 4 places, varied by position.
  const argmax = () => {
    const indices = new Uint32Array(sizeOf(pooled));
    const [ph2, pw2] = [pooled[2], pooled[3]];
    indices.forEach((_, o) => {
      const [py, px] = [Math.floor(o / pw2) % ph2, o % pw2];
      const k = (o * 7) % 4;
      indices[o] = (2 * py + (k >> 1)) * g.ow + 2 * px + (k & 1);
    });
    return indices;
  };
  return {
    key: convKey('conv2d.weight_grad_pool', g, ` b${Number(hasBias)}`),
    candidates: ['pooled', 'separate'],
    handPicked: 'pooled',
    problem: () => ({
      plan(ctx, v) {
        const t = {
          x: scratchTensor(ctx, 'x', [g.n, g.cin, g.h, g.w], 1).tensor,
          dy: scratchTensor(ctx, 'dy', pooled, 4).tensor,
          y: scratchTensor(ctx, 'y', pooled, 5).tensor,
          indices: tensor(ctx.arena.upload('indices', argmax()), pooled),
          dweight: scratchTensor(ctx, 'dw', wShape).tensor,
          dbias: hasBias ? scratchTensor(ctx, 'db', [g.cout]).tensor : null,
          params,
        };
        const label = `tune/${v}`;
        if (v === 'pooled') return { op: planConv2dPoolWeightGrad(ctx, { ...t, label }), output: t.dweight };
        const dconv = scratchTensor(ctx, 'dconv', convShape).tensor;
        const back = planMaxPool2dBackward(ctx, { ...t, dx: dconv, params: POOL, reluMask: t.y });
        const weights = planWeightGrad(ctx, label, g, {
          x: t.x,
          dy: dconv,
          dweight: t.dweight,
          dbias: t.dbias,
        });
        return { op: sequence(label, [back, weights]), output: t.dweight };
      },
      reference() {
        const y = scratchValues(sizeOf(pooled), 5);
        const dy = scratchValues(y.length, 4).map((v, i) => (y[i] > 0 ? v : 0));
        const dconv = new Float32Array(sizeOf(convShape));
        maxPool2dBackward({ dy, indices: argmax(), dx: dconv, shape: convShape, params: POOL });
        const dw = new Float32Array(sizeOf(wShape));
        correlateWeightGrad(g, scratchValues(g.n * g.cin * g.h * g.w, 1), dconv, dw);
        return dw;
      },
    }),
  };
}
