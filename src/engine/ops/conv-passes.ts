// The forward-style GPU passes every convolution is made of, planned on a resolved ConvGeometry:
// correlate (conv2d forward, conv_transpose2d dx) and its adjoint (conv_transpose2d forward, conv2d dx).
// Kernel choice by shape is here; weight and bias gradients are in conv-grad-passes.ts.
import {
  bindKernel,
  getKernel,
  groups1d,
  packUniforms,
  type Kernel,
  type KernelSpec,
} from '../../gpu/kernel';
import { UNIFORM } from '../../gpu/buffers';
import { conv2dForwardSpec } from '../../gpu/kernels/conv2d_forward';
import { conv2dForwardDepthwiseSpec } from '../../gpu/kernels/conv2d_forward_depthwise';
import { conv2dForwardDirectSpec } from '../../gpu/kernels/conv2d_forward_direct';
import { conv2dForwardSubgroupSpec } from '../../gpu/kernels/conv2d_forward_subgroup';
import { hasQuadLanes } from '../../gpu/subgroups';
import { convTranspose2dForwardSpec } from '../../gpu/kernels/conv_transpose2d_forward';
import { convTranspose2dForwardDirectSpec } from '../../gpu/kernels/conv_transpose2d_forward_direct';
import { bindingOf, type Tensor } from '../tensor';
import type { EngineContext, PlannedOp } from '../op';
import { sameShape, type ConvGeometry } from './conv-geometry';
import { chooseVariant, variantNamed } from '../tuning/site';
import {
  correlateCandidates,
  correlateSite,
  correlateTransposedCandidates,
  correlateTransposedSite,
  type ConvKernel,
} from './conv-sites';

const WG = 64;

/**
 * Forward-style kernels: 'direct' slides an 8-wide register window along each row (4 channels x 8
 * columns per thread, 1 load per 32 FMAs) and needs stride 1 and dilation 1 along x; 'direct3' is that
 * window with 3 channels; 'quad' is that window with 8 channels whose weight loads the four lanes of a
 * quad share through subgroup shuffles (conv2d forward only; where the device has quad lanes, see
 * gpu/subgroups.ts); 4 is the implicit-GEMM register tile (4 channels x 4 columns, 8 loads per 16 FMAs)
 * for any stride and dilation; 1 is that tile with one channel, so layers with 1 or 2 channels leave no
 * lanes idle; 'depthwise' gives each thread one channel x 4 rows x 8 columns and loads each input row once
 * for the 4 rows (conv2d_forward_depthwise.wgsl; any stride, but a transposed pass needs stride 1).
 */
export type { ConvKernel };

/**
 * One input channel a group (groups = in_channels, any channel multiplier). Its passes take the
 * depthwise kernels where they pay: the others tile 3 to 8 output channels of a group per thread, idle
 * with one or two, and a tap of one channel has too few multiply-adds to pay for their per-thread setup.
 * Measured on SwiftShader, 16x32x28x28 3x3 depthwise, CPU time (interleaved, median of 7): stride 1
 * forward 44 ms vs 61 (tile 1), input gradient 50 vs 67 (tile 1), weight gradient 34 vs 77 (tile); at
 * stride 2 the forward's reloaded windows lose (23 vs 17 ms for tile 1), so it keeps tile 1 there.
 */
export function isDepthwise(g: ConvGeometry): boolean {
  return g.groups > 1 && g.cin === g.groups;
}

/**
 * Direct when it applies and at least 3 channels fill its tile, else the GEMM tile. Measured on
 * SwiftShader (16 cores, batch 64), forward direct vs tile 4: LeNet conv1 2.2 vs 1.9, conv2 3.3 vs 2.5,
 * 32->64 3x3 4.3 vs 2.9 GFLOP/s; so the direct kernel wins for big layers too, and shape only decides
 * whether it applies. The direct kernels are bound by their multiply-adds on SwiftShader (dropping a
 * quarter of them cut conv2's forward by ~40% CPU time, removing 3 of 4 weight loads only ~12%), so a
 * channel count that 3-channel blocks cover with fewer idle lanes than 4-channel ones (6: 6 vs 8) takes
 * 'direct3'. With quad lanes, 5 or more channels take 'quad': one weight load per lane and tap instead of
 * four, 1.55x 'direct' on LeNet conv2's forward and 1.10x on conv1's (interleaved A/B, Node, SwiftShader;
 * a load costs about 13 multiply-adds there, a shuffle next to nothing).
 */
export function chooseConvKernel(g: ConvGeometry, channels: number, quadLanes = false): ConvKernel {
  if (g.sw === 1 && g.dw === 1 && channels > 4 && quadLanes) return 'quad';
  if (g.sw === 1 && g.dw === 1 && channels > 2)
    return directChannelTile(channels) === 3 ? 'direct3' : 'direct';
  return channels <= 2 ? 1 : 4;
}

/** Channels per thread of a direct kernel: 3 where 3-channel blocks leave fewer idle lanes than 4 (6, 5). */
export function directChannelTile(channels: number): 3 | 4 {
  return Math.ceil(channels / 3) * 3 < Math.ceil(channels / 4) * 4 ? 3 : 4;
}

/**
 * The planners' forward kernel for g: depthwise ones with stride and dilation 1 along x take the depthwise
 * kernel, the others go by a group's channel count.
 */
export function correlateKernel(g: ConvGeometry, quadLanes = false): ConvKernel {
  if (isDepthwise(g) && g.sw === 1 && g.dw === 1) return 'depthwise';
  return chooseConvKernel(g, g.cout / g.groups, quadLanes);
}

/** The planners' transposed-pass kernel for g; the depthwise kernel runs it for stride 1 only. */
export function correlateTransposedKernel(g: ConvGeometry): ConvKernel {
  return isDepthwise(g) && g.sh === 1 && g.sw === 1 ? 'depthwise' : chooseConvKernel(g, g.cin / g.groups);
}

const isDirect = (v: ConvKernel): v is 'direct' | 'direct3' | 'quad' =>
  v === 'direct' || v === 'direct3' || v === 'quad';

export function uniformBuffer(
  ctx: EngineContext,
  kernel: Kernel,
  label: string,
  values: Record<string, number>,
) {
  return ctx.arena.upload(`${label}/params`, new Uint8Array(packUniforms(kernel, values)), UNIFORM);
}

/**
 * The conv as the kernels see it: a batch of n * groups one-group images (each group's channels are
 * contiguous in NCHW), cin and cout per group; image b takes group b % groups's weights. groups = 1: g.
 */
export function groupBatch(g: ConvGeometry): ConvGeometry {
  const G = g.groups;
  return { ...g, n: g.n * G, cin: g.cin / G, cout: g.cout / G };
}

/** The kernels' uniforms for the conv of layer geometry g (see groupBatch). */
export function convUniforms(g: ConvGeometry, splits = 1, chunk = 0): Record<string, number> {
  const { n, cin, h, w, cout, kh, kw, oh, ow, sh, sw, ph, pw, dh, dw, groups } = groupBatch(g);
  return { n, cin, h, w, cout, kh, kw, oh, ow, sh, sw, ph, pw, dh, dw, splits, chunk, groups };
}

/** Checks x [n,cin,h,w], weight [cout,cin/groups,kh,kw] and y [n,cout,oh,ow] (in conv2d roles) against g. */
export function checkShapes(label: string, t: { x: Tensor; weight: Tensor; y: Tensor }, g: ConvGeometry) {
  sameShape(`${label}: input`, t.x.shape, [g.n, g.cin, g.h, g.w]);
  sameShape(`${label}: weight`, t.weight.shape, [g.cout, g.cin / g.groups, g.kh, g.kw]);
  sameShape(`${label}: output`, t.y.shape, [g.n, g.cout, g.oh, g.ow]);
}

export function dispatchOp(label: string, kernel: Kernel, group: GPUBindGroup, threads: number): PlannedOp {
  const [gx, gy] = groups1d(threads, WG);
  return {
    label,
    encode(pass) {
      pass.setPipeline(kernel.pipeline);
      pass.setBindGroup(0, group);
      pass.dispatchWorkgroups(gx, gy);
    },
  };
}

function checkDirect(label: string, g: ConvGeometry, variant: ConvKernel): void {
  if (isDirect(variant) && (g.sw !== 1 || g.dw !== 1)) {
    throw new Error(`${label}: the direct conv kernel needs stride and dilation 1 along x`);
  }
}

interface ForwardStyle {
  x: Tensor;
  weight: Tensor;
  bias: Tensor | null;
  y: Tensor;
}

function planForwardStyle(
  ctx: EngineContext,
  label: string,
  g: ConvGeometry,
  spec: KernelSpec,
  t: ForwardStyle,
  threads: number,
) {
  const kernel = getKernel(ctx.device, spec);
  const resources = {
    params: uniformBuffer(ctx, kernel, label, convUniforms(g)),
    x: bindingOf(t.x),
    weight: bindingOf(t.weight),
    // Without a bias the binding still needs a buffer; HAS_BIAS = 0 leaves it unread.
    bias: t.bias ? bindingOf(t.bias) : ctx.arena.storage(`${label}/no-bias`, 16),
    y: bindingOf(t.y),
  };
  return dispatchOp(label, kernel, bindKernel(ctx.device, kernel, resources, label), threads);
}

/**
 * Columns per thread of the direct conv2d forward: 5 where 5-wide blocks compute at least an eighth fewer
 * columns than 8-wide ones (ow 10: 10 vs 16, LeNet conv2), as its multiply-adds bound it on SwiftShader
 * (see the commit for the measured ratio), else 8.
 */
export function directColumnTile(cols: number): 5 | 8 {
  return 5 * Math.ceil(cols / 5) <= 0.875 * 8 * Math.ceil(cols / 8) ? 5 : 8;
}

/**
 * Threads of a forward-style kernel producing `channels` x rows x `cols` per image, `xTile` columns each;
 * g is the group batch (groupBatch), channels are one group's.
 */
function threadCount(
  g: ConvGeometry,
  variant: Exclude<ConvKernel, 'depthwise'>,
  channels: number,
  rows: number,
  cols: number,
  direct: { xTile: number } = { xTile: 8 },
) {
  const [cTile, xTile] = isDirect(variant) ? [variant === 'direct3' ? 3 : 4, direct.xTile] : [variant, 4];
  return g.n * Math.ceil(channels / cTile) * rows * Math.ceil(cols / xTile);
}

/**
 * y = act(conv2d(x, weight) + bias): x [n,cin,h,w], weight [cout,cin/groups,kh,kw], y [n,cout,oh,ow].
 * Every variant is groups-aware (see groupBatch); the kernel is chosen by one group's channel count.
 */
export function planCorrelate(
  ctx: EngineContext,
  label: string,
  g: ConvGeometry,
  t: ForwardStyle & { relu: boolean },
  chosen?: ConvKernel,
): PlannedOp {
  const variant = chosen ?? tunedCorrelateKernel(ctx, g, { hasBias: !!t.bias, relu: t.relu });
  checkShapes(label, t, g);
  if (t.bias) sameShape(`${label}: bias`, t.bias.shape, [g.cout]);
  checkDirect(label, g, variant);
  const options = { hasBias: !!t.bias, relu: t.relu };
  const xTile = directColumnTile(g.ow);
  const v = groupBatch(g);
  if (variant === 'depthwise') {
    const spec = conv2dForwardDepthwiseSpec({ ...options, flip: false, unitX: g.sw === 1 && g.dw === 1 });
    return planForwardStyle(ctx, label, g, spec, t, depthwiseThreads(v.n * v.cout, g.oh, g.ow));
  }
  if (variant === 'quad') {
    if (!hasQuadLanes(ctx.device))
      throw new Error(`${label}: the quad conv kernel needs subgroup quad lanes`);
    // Blocks per (image, 8-channel group), padded to whole quads: a quad never spans two groups.
    const blocks = Math.ceil((g.oh * Math.ceil(g.ow / xTile)) / 4) * 4;
    const spec = conv2dForwardSubgroupSpec({ ...options, xTile });
    return planForwardStyle(ctx, label, g, spec, t, v.n * Math.ceil(v.cout / 8) * blocks);
  }
  const spec = isDirect(variant)
    ? conv2dForwardDirectSpec({ ...options, tileC: variant === 'direct3' ? 3 : 4, xTile })
    : conv2dForwardSpec({ ...options, tileCo: variant });
  const threads = threadCount(v, variant, v.cout, g.oh, g.ow, { xTile });
  return planForwardStyle(ctx, label, g, spec, t, threads);
}

/** The forward kernel for g: the context's tuned choice for this site, else correlateKernel's. */
function tunedCorrelateKernel(ctx: EngineContext, g: ConvGeometry, o: { hasBias: boolean; relu: boolean }) {
  const quadLanes = hasQuadLanes(ctx.device);
  const handPicked = correlateKernel(g, quadLanes);
  if (!ctx.variants) return handPicked;
  const site = correlateSite(g, { ...o, quadLanes, handPicked }, (c, l, t, v) =>
    planCorrelate(c, l, g, t, variantNamed(correlateCandidates(g, quadLanes), v)),
  );
  return variantNamed(correlateCandidates(g, quadLanes), chooseVariant(ctx, site));
}

/** The transposed-pass kernel for g: the context's tuned choice for this site, else correlateTransposedKernel's. */
function tunedTransposedKernel(ctx: EngineContext, g: ConvGeometry, hasBias: boolean) {
  const handPicked = correlateTransposedKernel(g);
  if (!ctx.variants) return handPicked;
  const candidates = correlateTransposedCandidates(g);
  const site = correlateTransposedSite(g, { hasBias, handPicked }, (c, l, t, v) =>
    planCorrelateTransposed(c, l, g, t, variantNamed(candidates, v)),
  );
  return variantNamed(candidates, chooseVariant(ctx, site));
}

/** Threads of the depthwise kernel: one per (image, channel) and block of 4 rows x 8 columns. */
function depthwiseThreads(planes: number, rows: number, cols: number): number {
  return planes * Math.ceil(rows / 4) * Math.ceil(cols / 8);
}

/**
 * The input gradient of a stride-1 conv as a conv: dy [n,cout,oh,ow] correlated with the kernel rotated
 * 180 degrees and padding d*(k-1) - p gives dx [n,cin,h,w] (the depthwise kernel's FLIP reads the weight
 * rotated and transposed).
 */
function flippedGeometry(g: ConvGeometry): ConvGeometry {
  const [ph, pw] = [g.dh * (g.kh - 1) - g.ph, g.dw * (g.kw - 1) - g.pw];
  return { ...g, cin: g.cout, h: g.oh, w: g.ow, cout: g.cin, oh: g.h, ow: g.w, ph, pw };
}

/**
 * Columns per thread of the direct transposed conv: 7 where 7-wide blocks compute fewer columns than
 * 8-wide ones (w 14: 14 vs 16, LeNet conv2's input gradient; 28: 28 vs 32), as its multiply-adds bound
 * it on SwiftShader (see the commit for the measured ratio), else 8.
 */
export function transposedColumnTile(cols: number): 7 | 8 {
  return 7 * Math.ceil(cols / 7) < 8 * Math.ceil(cols / 8) ? 7 : 8;
}

/**
 * y = conv_transpose2d(x, weight) + bias for the conv2d of geometry g: x [n,cout,oh,ow], y [n,cin,h,w].
 * Every variant is groups-aware (see groupBatch); the kernel is chosen by one group's channel count.
 */
export function planCorrelateTransposed(
  ctx: EngineContext,
  label: string,
  g: ConvGeometry,
  t: ForwardStyle,
  chosen?: ConvKernel,
  xTile: 7 | 8 = transposedColumnTile(g.w),
): PlannedOp {
  const variant = chosen ?? tunedTransposedKernel(ctx, g, !!t.bias);
  checkShapes(label, { x: t.y, weight: t.weight, y: t.x }, g);
  if (t.bias) sameShape(`${label}: bias`, t.bias.shape, [g.cin]);
  checkDirect(label, g, variant);
  if (variant === 'quad') throw new Error(`${label}: the quad kernel is a conv2d forward kernel only`);
  if (variant === 'depthwise') {
    if (g.sh !== 1 || g.sw !== 1) {
      throw new Error(`${label}: the depthwise kernel runs a transposed pass for stride 1 only`);
    }
    const f = flippedGeometry(g);
    const spec = conv2dForwardDepthwiseSpec({
      hasBias: !!t.bias,
      relu: false,
      flip: true,
      unitX: g.dw === 1,
    });
    const threads = depthwiseThreads(g.n * g.cin, g.h, g.w);
    return planForwardStyle(ctx, label, f, spec, t, threads);
  }
  const hasBias = !!t.bias;
  const spec = isDirect(variant)
    ? convTranspose2dForwardDirectSpec({ hasBias, tileC: variant === 'direct3' ? 3 : 4, xTile })
    : convTranspose2dForwardSpec({ tileC: variant, hasBias, unitStride: g.sh === 1 && g.sw === 1 });
  // The GEMM tile walks sh x sw phases: ceil(h / sh) rows and ceil(w / sw) columns (4 per thread) each.
  const [rows, cols] = isDirect(variant)
    ? [g.h, g.w]
    : [g.sh * Math.ceil(g.h / g.sh), g.sw * 4 * Math.ceil(Math.ceil(g.w / g.sw) / 4)];
  const v = groupBatch(g);
  return planForwardStyle(ctx, label, g, spec, t, threadCount(v, variant, v.cin, rows, cols, { xTile }));
}
