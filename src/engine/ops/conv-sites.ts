// The conv passes as tunable sites: which kernel variants can run a geometry on this device, the site key,
// and a scratch problem (inputs, and the CPU reference's output) for the tuner and the tests. The planners
// pass themselves in, so this file imports none of them.
import type { EngineContext, PlannedOp, TunableSite } from '../op';
import { correlate, correlateTransposed, correlateWeightGrad } from '../reference/conv2d';
import { scratchTensor, scratchValues } from '../tuning/site';
import type { Tensor } from '../tensor';
import type { ConvGeometry } from './conv-geometry';

/** The forward-style kernels (described in conv-passes.ts); a site names them as strings ('4' for tile 4). */
export type ConvKernel = 'direct' | 'direct3' | 'quad' | 1 | 4 | 'depthwise';
/** The weight-gradient kernels (described in conv-grad-passes.ts). */
export type WeightGradKernel = 'direct' | 'direct5' | 'quad' | 'tile' | 'depthwise';

const depthwise = (g: ConvGeometry) => g.groups > 1 && g.cin === g.groups;
const unitX = (g: ConvGeometry) => g.sw === 1 && g.dw === 1;

/** Every number a conv kernel's speed depends on. */
export function convKey(op: string, g: ConvGeometry, extra = ''): string {
  const { n, cin, h, w, cout, kh, kw, oh, ow, sh, sw, ph, pw, dh, dw, groups } = g;
  return `${op} n${n} c${cin}x${h}x${w} o${cout}x${oh}x${ow} k${kh}x${kw} s${sh}x${sw} p${ph}x${pw} d${dh}x${dw} g${groups}${extra}`;
}

/** Forward variants that can run g: the GEMM tiles always, the direct ones at unit x stride and dilation. */
export function correlateCandidates(g: ConvGeometry, quadLanes: boolean): ConvKernel[] {
  const c: ConvKernel[] = unitX(g) ? ['direct', 'direct3', 4, 1] : [4, 1];
  if (unitX(g) && quadLanes) c.unshift('quad');
  if (unitX(g) && depthwise(g)) c.unshift('depthwise');
  return c;
}

/** Transposed-pass variants: as the forward's without 'quad'; the depthwise kernel at stride 1 only. */
export function correlateTransposedCandidates(g: ConvGeometry): ConvKernel[] {
  const c: ConvKernel[] = unitX(g) ? ['direct', 'direct3', 4, 1] : [4, 1];
  if (depthwise(g) && g.sh === 1 && g.sw === 1) c.unshift('depthwise');
  return c;
}

/** Weight-gradient variants: the flattened tile always, the direct ones at unit x stride and dilation. */
export function weightGradCandidates(g: ConvGeometry, quadLanes: boolean): WeightGradKernel[] {
  if (depthwise(g)) return ['depthwise', 'tile'];
  if (!unitX(g)) return ['tile'];
  return quadLanes ? ['quad', 'direct', 'direct5', 'tile'] : ['direct', 'direct5', 'tile'];
}

type Roles = { x: Tensor; weight: Tensor; bias: Tensor | null; y: Tensor };

/**
 * The forward site: `plan` is planCorrelate with the variant given. Inputs x (seed 1), weight (2) and
 * bias (3); output y, compared with the reference correlate.
 */
export function correlateSite(
  g: ConvGeometry,
  o: { hasBias: boolean; relu: boolean; quadLanes: boolean; handPicked: ConvKernel },
  plan: (ctx: EngineContext, label: string, t: Roles & { relu: boolean }, v: string) => PlannedOp,
): TunableSite {
  const key = convKey('conv2d.correlate', g, ` b${Number(o.hasBias)} r${Number(o.relu)}`);
  const shapes = {
    x: [g.n, g.cin, g.h, g.w],
    w: [g.cout, g.cin / g.groups, g.kh, g.kw],
    y: [g.n, g.cout, g.oh, g.ow],
  };
  return {
    key,
    candidates: correlateCandidates(g, o.quadLanes).map(String),
    handPicked: String(o.handPicked),
    problem: () => ({
      plan(ctx, v) {
        const t = {
          x: scratchTensor(ctx, 'x', shapes.x, 1).tensor,
          weight: scratchTensor(ctx, 'w', shapes.w, 2).tensor,
          bias: o.hasBias ? scratchTensor(ctx, 'b', [g.cout], 3).tensor : null,
          y: scratchTensor(ctx, 'y', shapes.y).tensor,
          relu: o.relu,
        };
        return { op: plan(ctx, `tune/${v}`, t, v), output: t.y };
      },
      reference() {
        const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
        const y = new Float32Array(size(shapes.y));
        const bias = o.hasBias ? scratchValues(g.cout, 3) : null;
        correlate(g, scratchValues(size(shapes.x), 1), scratchValues(size(shapes.w), 2), bias, y, o.relu);
        return y;
      },
    }),
  };
}

/** The transposed site (conv2d's input gradient, conv_transpose2d's forward): dy (1), weight (2), bias (3) -> dx. */
export function correlateTransposedSite(
  g: ConvGeometry,
  o: { hasBias: boolean; handPicked: ConvKernel },
  plan: (ctx: EngineContext, label: string, t: Roles, v: string) => PlannedOp,
): TunableSite {
  const key = convKey('conv2d.correlate_transposed', g, ` b${Number(o.hasBias)}`);
  const sizes = {
    dy: g.n * g.cout * g.oh * g.ow,
    w: g.cout * (g.cin / g.groups) * g.kh * g.kw,
    dx: g.n * g.cin * g.h * g.w,
  };
  return {
    key,
    candidates: correlateTransposedCandidates(g).map(String),
    handPicked: String(o.handPicked),
    problem: () => ({
      plan(ctx, v) {
        const t = {
          x: scratchTensor(ctx, 'dy', [g.n, g.cout, g.oh, g.ow], 1).tensor,
          weight: scratchTensor(ctx, 'w', [g.cout, g.cin / g.groups, g.kh, g.kw], 2).tensor,
          bias: o.hasBias ? scratchTensor(ctx, 'b', [g.cin], 3).tensor : null,
          y: scratchTensor(ctx, 'dx', [g.n, g.cin, g.h, g.w]).tensor,
        };
        return { op: plan(ctx, `tune/${v}`, t, v), output: t.y };
      },
      reference() {
        const dx = new Float32Array(sizes.dx);
        const bias = o.hasBias ? scratchValues(g.cin, 3) : null;
        correlateTransposed(g, scratchValues(sizes.dy, 1), scratchValues(sizes.w, 2), bias, dx);
        return dx;
      },
    }),
  };
}

/**
 * The weight-gradient site: x (1) and dy (2) -> dweight, with the bias gradient planned too where the layer
 * has a bias (folded into some variants, a pass of its own for the others, so it is part of their time).
 */
export function weightGradSite(
  g: ConvGeometry,
  o: { hasBias: boolean; quadLanes: boolean; handPicked: WeightGradKernel },
  plan: (
    ctx: EngineContext,
    label: string,
    t: { x: Tensor; dy: Tensor; dweight: Tensor; dbias: Tensor | null },
    v: string,
  ) => PlannedOp,
): TunableSite {
  const sizes = {
    x: g.n * g.cin * g.h * g.w,
    dy: g.n * g.cout * g.oh * g.ow,
    dw: g.cout * (g.cin / g.groups) * g.kh * g.kw,
  };
  return {
    key: convKey('conv2d.weight_grad', g, ` b${Number(o.hasBias)}`),
    candidates: weightGradCandidates(g, o.quadLanes),
    handPicked: o.handPicked,
    problem: () => ({
      plan(ctx, v) {
        const t = {
          x: scratchTensor(ctx, 'x', [g.n, g.cin, g.h, g.w], 1).tensor,
          dy: scratchTensor(ctx, 'dy', [g.n, g.cout, g.oh, g.ow], 2).tensor,
          dweight: scratchTensor(ctx, 'dw', [g.cout, g.cin / g.groups, g.kh, g.kw]).tensor,
          dbias: o.hasBias ? scratchTensor(ctx, 'db', [g.cout]).tensor : null,
        };
        return { op: plan(ctx, `tune/${v}`, t, v), output: t.dweight };
      },
      reference() {
        const dw = new Float32Array(sizes.dw);
        correlateWeightGrad(g, scratchValues(sizes.x, 1), scratchValues(sizes.dy, 2), dw);
        return dw;
      },
    }),
  };
}
