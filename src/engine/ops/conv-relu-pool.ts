// A conv2d whose ReLU'd output only a 2x2 max-pool of stride 2 reads (LeNet's conv -> ReLU -> pool), in
// training: 'fused' runs conv2d_forward_pool_subgroup (conv-pool.ts), which never writes the conv output;
// 'separate' runs the conv (its own tuned kernel, ReLU in the epilogue) into convY, then
// max_pool2d_forward_windows. Both write the pooled y and its argmax, which the pool's backward reads. A
// tunable site, so each device keeps the fused pass only where it measures faster; the rule fuses where the
// fused kernel runs (interleaved A/B on SwiftShader: see docs/BENCH.md).
import type { EngineContext, PlannedOp, TunableSite } from '../op';
import { correlate } from '../reference/conv2d';
import { maxPool2dForward } from '../reference/pool';
import { sizeOf, type Tensor } from '../tensor';
import { chooseVariant, scratchTensor, scratchValues } from '../tuning/site';
import { hasQuadLanes } from '../../gpu/subgroups';
import { conv2dGeometry, type Conv2dParams, type ConvGeometry } from './conv-geometry';
import { convPoolApplies, planConv2dPoolForward } from './conv-pool';
import { planCorrelate } from './conv-passes';
import { convKey } from './conv-sites';
import { sequence } from './dispatch';
import { planMaxPool2dForward } from './pool';

export type ConvPoolVariant = 'fused' | 'separate';

const POOL = { kernelSize: 2, stride: 2 };

export interface ConvReluPoolArgs {
  /** [n, cin, h, w] */
  x: Tensor;
  weight: Tensor;
  bias: Tensor | null;
  /** The conv's ReLU'd output [n, cout, oh, ow], written only by 'separate'. */
  convY: Tensor;
  /** The pooled output and its argmax, [n, cout, oh / 2, ow / 2]. */
  y: Tensor;
  indices: Tensor;
  params?: Conv2dParams;
  label?: string;
}

/** Whether the fused kernel can run this conv on ctx's device (shapes as planConv2dForward takes them). */
export function convPoolRuns(
  ctx: EngineContext,
  xShape: readonly number[],
  wShape: readonly number[],
  params?: Conv2dParams,
): boolean {
  return convPoolApplies(conv2dGeometry(xShape, wShape, params), hasQuadLanes(ctx.device));
}

/** The variants that can run g here: 'fused' where the fused kernel applies. */
export function convPoolCandidates(g: ConvGeometry, quadLanes: boolean): ConvPoolVariant[] {
  return convPoolApplies(g, quadLanes) ? ['fused', 'separate'] : ['separate'];
}

/** max_pool2d(relu(conv2d(x, weight) + bias), 2, 2) and its argmax, by the tuned (or rule's) variant. */
export function planConvReluPool(
  ctx: EngineContext,
  a: ConvReluPoolArgs,
  chosen?: ConvPoolVariant,
): PlannedOp {
  const label = a.label ?? 'conv2d_relu_pool';
  const g = conv2dGeometry(a.x.shape, a.weight.shape, a.params);
  const variant = chosen ?? tunedVariant(ctx, g, !!a.bias);
  if (variant === 'fused') return planConv2dPoolForward(ctx, { ...a, relu: true, label });
  const t = { x: a.x, weight: a.weight, bias: a.bias, y: a.convY, relu: true };
  const conv = planCorrelate(ctx, `${label}/conv`, g, t);
  const pool = planMaxPool2dForward(ctx, { x: a.convY, y: a.y, indices: a.indices, params: POOL });
  return sequence(label, [conv, pool]);
}

function tunedVariant(ctx: EngineContext, g: ConvGeometry, hasBias: boolean): ConvPoolVariant {
  const candidates = convPoolCandidates(g, hasQuadLanes(ctx.device));
  if (!ctx.variants) return candidates[0];
  return chooseVariant(ctx, convPoolSite(g, hasBias, candidates)) as ConvPoolVariant;
}

/** The site: x (1), weight (2) and bias (3) -> the pooled y, compared with the reference conv, ReLU and pool. */
export function convPoolSite(g: ConvGeometry, hasBias: boolean, candidates: ConvPoolVariant[]): TunableSite {
  const shapes = {
    x: [g.n, g.cin, g.h, g.w],
    w: [g.cout, g.cin / g.groups, g.kh, g.kw],
    conv: [g.n, g.cout, g.oh, g.ow],
    y: [g.n, g.cout, Math.floor(g.oh / 2), Math.floor(g.ow / 2)],
  };
  const params: Conv2dParams = {
    stride: [g.sh, g.sw],
    padding: [g.ph, g.pw],
    dilation: [g.dh, g.dw],
    groups: g.groups,
  };
  return {
    key: convKey('conv2d.correlate_pool', g, ` b${Number(hasBias)}`),
    candidates,
    handPicked: candidates[0],
    problem: () => ({
      plan(ctx, v) {
        const t = {
          x: scratchTensor(ctx, 'x', shapes.x, 1).tensor,
          weight: scratchTensor(ctx, 'w', shapes.w, 2).tensor,
          bias: hasBias ? scratchTensor(ctx, 'b', [g.cout], 3).tensor : null,
          convY: scratchTensor(ctx, 'conv', shapes.conv).tensor,
          y: scratchTensor(ctx, 'y', shapes.y).tensor,
          indices: scratchTensor(ctx, 'indices', shapes.y).tensor,
          params,
        };
        return { op: planConvReluPool(ctx, { ...t, label: `tune/${v}` }, v as ConvPoolVariant), output: t.y };
      },
      reference() {
        const conv = new Float32Array(sizeOf(shapes.conv));
        const bias = hasBias ? scratchValues(g.cout, 3) : null;
        correlate(
          g,
          scratchValues(sizeOf(shapes.x), 1),
          scratchValues(sizeOf(shapes.w), 2),
          bias,
          conv,
          true,
        );
        const y = new Float32Array(sizeOf(shapes.y));
        const indices = new Uint32Array(y.length);
        maxPool2dForward({ x: conv, y, indices, shape: shapes.conv, params: POOL });
        return y;
      },
    }),
  };
}
