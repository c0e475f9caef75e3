// Weight and bias gradients of a convolution by split-K: the first pass sums chunks of the batch·rows
// reduction into partials so that even small layers launch enough workgroups (SwiftShader spreads them over
// 16 tasks; GPUs need far more), and the second pass (reduce_rows, the partials as rows) adds the partials in a fixed
// order, so the gradients are bit-for-bit reproducible.
import { bindKernel, getKernel } from '../../gpu/kernel';
import { conv2dBackwardWeightSpec } from '../../gpu/kernels/conv2d_backward_weight';
import { conv2dBackwardWeightDepthwiseSpec } from '../../gpu/kernels/conv2d_backward_weight_depthwise';
import { conv2dBackwardWeightDirectSpec } from '../../gpu/kernels/conv2d_backward_weight_direct';
import { conv2dBackwardWeightSubgroupSpec } from '../../gpu/kernels/conv2d_backward_weight_subgroup';
import { hasQuadLanes } from '../../gpu/subgroups';
import { conv2dBackwardBiasSpec } from '../../gpu/kernels/conv2d_backward_bias';
import { reduceRowsSpec } from '../../gpu/kernels/reduce_rows';
import { bindingOf, type Tensor } from '../tensor';
import type { EngineContext, PlannedOp } from '../op';
import { sameShape, type ConvGeometry } from './conv-geometry';
import { chooseVariant } from '../tuning/site';
import { weightGradSite, type WeightGradKernel } from './conv-sites';
import {
  checkShapes,
  convUniforms,
  directChannelTile,
  dispatchOp,
  groupBatch,
  isDepthwise,
  uniformBuffer,
} from './conv-passes';

/**
 * Split-K aims for this many first-pass threads (256 workgroups: enough for 16 CPU tasks and for a GPU's
 * SMs) but at most MAX_SPLITS partials per output, since each reduce thread adds its partials serially.
 * Measured at batch 64 against a 4096-thread target: 32->64 3x3 dW 1.0 -> 2.9 TFLOP/s on an H100 and
 * 3.2 -> 4.2 GFLOP/s on SwiftShader (16 cores); without the cap LeNet conv1 dW took twice as long.
 */
const SPLIT_TARGET_THREADS = 16384;
/**
 * Rows per split at least, for the quad kernel: its 8-channel threads are fewer and each holds 40-64
 * accumulators to store, so short chunks spend more on stores and the reduction than they gain (LeNet
 * conv2, CPU time: chunk >= 20 rows 1.33x direct5, 1 row 1.0x).
 */
const QUAD_MIN_CHUNK = 20;
const MAX_SPLITS = 256;

/** Splits of a reduction of `length` so that `tiles * splits` threads reach the target: [splits, chunk]. */
export function splitK(length: number, tiles: number, minChunk: number): [number, number] {
  const wanted = Math.min(Math.ceil(SPLIT_TARGET_THREADS / tiles), Math.ceil(length / minChunk), MAX_SPLITS);
  const chunk = Math.ceil(length / Math.max(1, wanted));
  return [Math.ceil(length / chunk), chunk];
}

/** The second split-K pass: result = the `splits` rows of partials summed in a fixed order. */
export function reduceOp(
  ctx: EngineContext,
  label: string,
  partial: GPUBuffer | GPUBufferBinding,
  result: Tensor,
  splits: number,
) {
  const kernel = getKernel(ctx.device, reduceRowsSpec);
  const count = result.shape.reduce((a, b) => a * b, 1);
  const resources = {
    params: uniformBuffer(ctx, kernel, `${label}/reduce`, { rows: splits, cols: count }),
    x: partial,
    out: bindingOf(result),
  };
  return dispatchOp(
    `${label}/reduce`,
    kernel,
    bindKernel(ctx.device, kernel, resources, `${label}/reduce`),
    count,
  );
}

function sequence(label: string, ops: PlannedOp[]): PlannedOp {
  return { label, encode: (pass) => ops.forEach((op) => op.encode(pass)) };
}

/**
 * Weight-gradient kernels: 'direct' gives each thread 4 co x 8 kx of one (ci, ky) and slides a register
 * window along the x row (1 x load and 4 dy loads per 32 FMAs; stride and dilation 1 along x only);
 * 'direct5' is that window 5 kx wide with 4 or 3 co (directChannelTile); 'quad' is that window with 8 co
 * whose dy loads the four lanes of a quad share through subgroup shuffles (where the device has quad
 * lanes, see gpu/subgroups.ts); 'tile' is a 4 co x 4 flattened-tap register tile for any stride and
 * dilation (8 loads per 16 FMAs); 'depthwise' gives each thread one co x 8 kx of one (ci, ky), 1 dy load
 * and 1 x load per 8 FMAs (any stride; with stride or dilation along x, 8 x loads).
 */
export type { WeightGradKernel };

/**
 * Direct when it applies and its 8-wide kx blocks are at least half used (kw = 4..8, 9..16, ...).
 * Measured on SwiftShader (16 cores, batch 64), direct vs tile: LeNet conv1 (5x5) 3.5 vs 2.0, conv2 (5x5)
 * 5.0 vs 4.1, 32->64 3x3 3.3 vs 3.8 GFLOP/s, where 5 of the 8 kx lanes idle. The direct kernels are
 * bound by their multiply-adds there, so 5-wide blocks take kernels they cover with fewer idle kx
 * lanes (kw 4, 5, 9, 10): see the commit for LeNet's measured ratios. Channel counts are one group's.
 */
export function chooseWeightGradKernel(g: ConvGeometry, quadLanes = false): WeightGradKernel {
  if (isDepthwise(g)) return 'depthwise';
  if (!(g.sw === 1 && g.dw === 1 && g.kw / (8 * Math.ceil(g.kw / 8)) >= 0.5)) return 'tile';
  // 8-channel groups: with fewer channels the idle lanes cost more than the shared loads save (conv1, 6).
  if (quadLanes && g.cout / g.groups >= 8) return 'quad';
  return fiveWide(g) ? 'direct5' : 'direct';
}

/** Whether 5-wide kx blocks cover the kernel with fewer idle kx lanes than 8-wide ones (kw 4, 5, 9, 10). */
function fiveWide(g: ConvGeometry): boolean {
  return Math.ceil(g.kw / 5) * 5 < Math.ceil(g.kw / 8) * 8;
}

/**
 * The tap row whose threads can also sum the bias gradient in the direct kernels (see their BIAS_ROW), or
 * -1: the first ky whose input rows are all in range, since they skip rows outside the input (for a "same"
 * padding, the middle one). The quad kernel does not fold it: on SwiftShader the extra sums cost it what
 * the bias pass did (LeNet conv2 0.95-0.99x, see docs/BENCH.md).
 */
export function biasTapRow(g: ConvGeometry, variant: WeightGradKernel): number {
  if (variant !== 'direct' && variant !== 'direct5') return -1;
  for (let ky = 0; ky < g.kh; ky++) {
    const first = ky * g.dh - g.ph;
    if (first >= 0 && first + (g.oh - 1) * g.sh < g.h) return ky;
  }
  return -1;
}

/**
 * dweight [cout,cin/groups,kh,kw] = sum over n, oy, ox of dy [n,cout,oh,ow] times the matching x [n,cin,h,w],
 * and dbias [cout] = dy summed over n, oy, ox when given: folded into the direct kernels where a tap row
 * visits every (n, oy) row (biasTapRow), else a channel-sum pass of its own.
 * Every variant is groups-aware: a thread sums one group's images (see groupBatch).
 */
export function planWeightGrad(
  ctx: EngineContext,
  label: string,
  g: ConvGeometry,
  t: { x: Tensor; dy: Tensor; dweight: Tensor; dbias?: Tensor | null },
  chosen?: WeightGradKernel,
): PlannedOp {
  const variant = chosen ?? tunedWeightGradKernel(ctx, g, Boolean(t.dbias));
  checkShapes(label, { x: t.x, weight: t.dweight, y: t.dy }, g);
  if (t.dbias) sameShape(`${label}: bias gradient`, t.dbias.shape, [g.cout]);
  const biasRow = t.dbias ? biasTapRow(g, variant) : -1;
  if (t.dbias && biasRow < 0) {
    const weights = planWeightGrad(ctx, label, g, { ...t, dbias: null }, variant);
    return sequence(label, [weights, planChannelSum(ctx, `${label}/bias`, { dy: t.dy, dbias: t.dbias })]);
  }
  if (variant === 'depthwise') return planDepthwiseWeightGrad(ctx, label, g, t);
  const direct = variant !== 'tile';
  if (direct && (g.sw !== 1 || g.dw !== 1)) {
    throw new Error(`${label}: the direct weight-gradient kernel needs stride and dilation 1 along x`);
  }
  const quad = variant === 'quad';
  if (quad && !hasQuadLanes(ctx.device)) {
    throw new Error(`${label}: the quad weight-gradient kernel needs subgroup quad lanes`);
  }
  const v = groupBatch(g);
  const ksize = v.cin * g.kh * g.kw;
  const kxTile = variant === 'direct5' || (quad && fiveWide(g)) ? 5 : 8;
  const tileC = variant === 'direct5' ? directChannelTile(v.cout) : quad ? 8 : 4;
  const kTiles = direct ? v.cin * g.kh * Math.ceil(g.kw / kxTile) : Math.ceil(ksize / 4);
  // The quad kernel pads each (split, group, channel block)'s tiles to whole quads.
  const blockTiles = quad ? Math.ceil(kTiles / 4) * 4 : kTiles;
  const tiles = g.groups * Math.ceil(v.cout / tileC) * blockTiles;
  const [splits, chunk] = splitK(g.n * g.oh, tiles, quad ? QUAD_MIN_CHUNK : 1);
  const spec = quad
    ? conv2dBackwardWeightSubgroupSpec({ kxTile })
    : direct
      ? conv2dBackwardWeightDirectSpec({ kxTile, tileC: tileC === 3 ? 3 : 4, biasRow })
      : conv2dBackwardWeightSpec;
  const kernel = getKernel(ctx.device, spec);
  // The bias partials [splits, cout] follow the weights' from a 256-byte boundary (store_bias in WGSL).
  const weightFloats = splits * g.cout * ksize;
  const biasStart = Math.ceil(weightFloats / 64) * 64 * 4;
  const biasBytes = t.dbias ? splits * g.cout * 4 : 0;
  const partial = ctx.arena.storage(`${label}/partial`, t.dbias ? biasStart + biasBytes : weightFloats * 4);
  const resources = {
    params: uniformBuffer(ctx, kernel, label, convUniforms(g, splits, chunk)),
    x: bindingOf(t.x),
    dy: bindingOf(t.dy),
    partial,
  };
  const ops = [
    dispatchOp(label, kernel, bindKernel(ctx.device, kernel, resources, label), splits * tiles),
    reduceOp(ctx, label, partial, t.dweight, splits),
  ];
  if (t.dbias) {
    const biasPartial = { buffer: partial, offset: biasStart, size: biasBytes };
    ops.push(reduceOp(ctx, `${label}/bias`, biasPartial, t.dbias, splits));
  }
  return sequence(label, ops);
}

/** The weight-gradient kernel for g: the context's tuned choice for this site, else chooseWeightGradKernel's. */
function tunedWeightGradKernel(ctx: EngineContext, g: ConvGeometry, hasBias: boolean): WeightGradKernel {
  const quadLanes = hasQuadLanes(ctx.device);
  const handPicked = chooseWeightGradKernel(g, quadLanes);
  if (!ctx.variants) return handPicked;
  const site = weightGradSite(g, { hasBias, quadLanes, handPicked }, (c, l, t, v) =>
    planWeightGrad(c, l, g, t, v as WeightGradKernel),
  );
  return chooseVariant(ctx, site) as WeightGradKernel;
}

/** planWeightGrad with the depthwise kernel: one thread per (split, group, co, ci, ky, 8 kx). */
function planDepthwiseWeightGrad(
  ctx: EngineContext,
  label: string,
  g: ConvGeometry,
  t: { x: Tensor; dy: Tensor; dweight: Tensor },
): PlannedOp {
  const v = groupBatch(g);
  const tiles = g.groups * v.cout * v.cin * g.kh * Math.ceil(g.kw / 8);
  const [splits, chunk] = splitK(g.n * g.oh, tiles, 1);
  const kernel = getKernel(
    ctx.device,
    conv2dBackwardWeightDepthwiseSpec({ unitX: g.sw === 1 && g.dw === 1 }),
  );
  const partial = ctx.arena.storage(`${label}/partial`, splits * g.cout * v.cin * g.kh * g.kw * 4);
  const resources = {
    params: uniformBuffer(ctx, kernel, label, convUniforms(g, splits, chunk)),
    x: bindingOf(t.x),
    dy: bindingOf(t.dy),
    partial,
  };
  return sequence(label, [
    dispatchOp(label, kernel, bindKernel(ctx.device, kernel, resources, label), splits * tiles),
    reduceOp(ctx, label, partial, t.dweight, splits),
  ]);
}

/** dbias [c] = sum of dy [n, c, ...] over batch and space. */
export function planChannelSum(
  ctx: EngineContext,
  label: string,
  t: { dy: Tensor; dbias: Tensor },
): PlannedOp {
  const [n, channels] = t.dy.shape;
  const plane = t.dy.shape.slice(2).reduce((a, b) => a * b, 1);
  if (t.dbias.shape.length !== 1 || t.dbias.shape[0] !== channels) {
    throw new Error(`${label}: bias gradient has shape [${t.dbias.shape}], expected [${channels}]`);
  }
  const [splits, chunk] = splitK(n * plane, channels, 64);
  const kernel = getKernel(ctx.device, conv2dBackwardBiasSpec);
  const partial = ctx.arena.storage(`${label}/partial`, splits * channels * 4);
  const resources = {
    params: uniformBuffer(ctx, kernel, label, { n, channels, plane, splits, chunk }),
    dy: bindingOf(t.dy),
    partial,
  };
  return sequence(label, [
    dispatchOp(label, kernel, bindKernel(ctx.device, kernel, resources, label), splits * channels),
    reduceOp(ctx, label, partial, t.dbias, splits),
  ]);
}
