// The four GPU passes every convolution is made of, planned on a resolved ConvGeometry. conv2d and
// conv_transpose2d are adjoint pairs, so both ops plan their forward and backward passes from these.
import { bindKernel, getKernel, groups1d, packUniforms, type Kernel } from '../../gpu/kernel';
import { UNIFORM } from '../../gpu/buffers';
import { conv2dForwardSpec } from '../../gpu/kernels/conv2d_forward';
import { conv2dForwardDirectSpec } from '../../gpu/kernels/conv2d_forward_direct';
import { convTranspose2dForwardSpec } from '../../gpu/kernels/conv_transpose2d_forward';
import { conv2dBackwardWeightSpec } from '../../gpu/kernels/conv2d_backward_weight';
import { conv2dBackwardBiasSpec } from '../../gpu/kernels/conv2d_backward_bias';
import { conv2dReduceSplitsSpec } from '../../gpu/kernels/conv2d_reduce_splits';
import { bindingOf, type Tensor } from '../tensor';
import type { EngineContext, PlannedOp } from '../op';
import { sameShape, type ConvGeometry } from './conv-geometry';

const WG = 64;
/** Split-K aims for this many threads: 64 workgroups keep SwiftShader's 16 tasks busy and real GPUs fed. */
const SPLIT_TARGET_THREADS = 4096;

/** Channel tile of the forward-style kernels: 4 reuses each loaded input 4 times; 1 avoids idle lanes. */
export type ChannelTile = 1 | 4;

/**
 * Direct (1 channel per thread) when a layer has at most 2 output channels, since a 4-channel tile would
 * then waste half its work or more; otherwise the 4-channel implicit-GEMM tile.
 */
export function chooseChannelTile(channels: number): ChannelTile {
  return channels <= 2 ? 1 : 4;
}

/** Forward kernels: the sliding-window direct kernel, or the implicit-GEMM tile of 4 or 1 channels. */
export type ForwardKernel = 'direct' | ChannelTile;

/**
 * The direct kernel needs unit stride and dilation along x; it loads 4x fewer values per FMA than the
 * implicit-GEMM tile, so it wins whenever it applies and the 4-channel tile is not mostly idle.
 */
export function chooseForwardKernel(g: ConvGeometry): ForwardKernel {
  return g.sw === 1 && g.dw === 1 && g.cout > 2 ? 'direct' : chooseChannelTile(g.cout);
}

function uniforms(ctx: EngineContext, kernel: Kernel, label: string, values: Record<string, number>) {
  return ctx.arena.upload(`${label}/params`, new Uint8Array(packUniforms(kernel, values)), UNIFORM);
}

function convUniforms(g: ConvGeometry, splits = 1, chunk = 0): Record<string, number> {
  const { n, cin, h, w, cout, kh, kw, oh, ow, sh, sw, ph, pw, dh, dw } = g;
  return { n, cin, h, w, cout, kh, kw, oh, ow, sh, sw, ph, pw, dh, dw, splits, chunk };
}

/** Checks x [n,cin,h,w], weight [cout,cin,kh,kw] and y [n,cout,oh,ow] (in conv2d roles) against g. */
function checkShapes(label: string, t: { x: Tensor; weight: Tensor; y: Tensor }, g: ConvGeometry): void {
  sameShape(`${label}: input`, t.x.shape, [g.n, g.cin, g.h, g.w]);
  sameShape(`${label}: weight`, t.weight.shape, [g.cout, g.cin, g.kh, g.kw]);
  sameShape(`${label}: output`, t.y.shape, [g.n, g.cout, g.oh, g.ow]);
}

function dispatchOp(label: string, kernel: Kernel, group: GPUBindGroup, threads: number): PlannedOp {
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

function biasBinding(ctx: EngineContext, label: string, bias: Tensor | null) {
  // Kernels without a bias still need a buffer at that binding; HAS_BIAS = 0 keeps it unread.
  return bias ? bindingOf(bias) : ctx.arena.storage(`${label}/no-bias`, 16);
}

/** y = act(conv2d(x, weight) + bias): x [n,cin,h,w], weight [cout,cin,kh,kw], y [n,cout,oh,ow]. */
export function planCorrelate(
  ctx: EngineContext,
  label: string,
  g: ConvGeometry,
  t: { x: Tensor; weight: Tensor; bias: Tensor | null; y: Tensor; relu: boolean },
  variant: ForwardKernel = chooseForwardKernel(g),
): PlannedOp {
  checkShapes(label, t, g);
  if (t.bias) sameShape(`${label}: bias`, t.bias.shape, [g.cout]);
  if (variant === 'direct' && (g.sw !== 1 || g.dw !== 1)) {
    throw new Error(`${label}: the direct conv2d kernel needs stride and dilation 1 along x`);
  }
  const options = { hasBias: !!t.bias, relu: t.relu };
  const spec =
    variant === 'direct'
      ? conv2dForwardDirectSpec(options)
      : conv2dForwardSpec({ ...options, tileCo: variant });
  const kernel = getKernel(ctx.device, spec);
  const group = bindKernel(
    ctx.device,
    kernel,
    {
      params: uniforms(ctx, kernel, label, convUniforms(g)),
      x: bindingOf(t.x),
      weight: bindingOf(t.weight),
      bias: biasBinding(ctx, label, t.bias),
      y: bindingOf(t.y),
    },
    label,
  );
  const [coTile, oxTile] = variant === 'direct' ? [4, 8] : [variant, 4];
  const threads = g.n * Math.ceil(g.cout / coTile) * g.oh * Math.ceil(g.ow / oxTile);
  return dispatchOp(label, kernel, group, threads);
}

/** y = conv_transpose2d(x, weight) + bias for the conv2d of geometry g: x [n,cout,oh,ow], y [n,cin,h,w]. */
export function planCorrelateTransposed(
  ctx: EngineContext,
  label: string,
  g: ConvGeometry,
  t: { x: Tensor; weight: Tensor; bias: Tensor | null; y: Tensor },
  tile: ChannelTile = chooseChannelTile(g.cin),
): PlannedOp {
  checkShapes(label, { x: t.y, weight: t.weight, y: t.x }, g);
  if (t.bias) sameShape(`${label}: bias`, t.bias.shape, [g.cin]);
  const kernel = getKernel(
    ctx.device,
    convTranspose2dForwardSpec({ tileC: tile, hasBias: !!t.bias, unitStride: g.sh === 1 && g.sw === 1 }),
  );
  const group = bindKernel(
    ctx.device,
    kernel,
    {
      params: uniforms(ctx, kernel, label, convUniforms(g)),
      x: bindingOf(t.x),
      weight: bindingOf(t.weight),
      bias: biasBinding(ctx, label, t.bias),
      y: bindingOf(t.y),
    },
    label,
  );
  const threads = g.n * Math.ceil(g.cin / tile) * g.h * Math.ceil(g.w / 4);
  return dispatchOp(label, kernel, group, threads);
}

/** Splits of a reduction of `length` so that `tiles * splits` threads reach the target: [splits, chunk]. */
export function splitK(length: number, tiles: number, minChunk: number): [number, number] {
  const wanted = Math.max(1, Math.min(Math.ceil(SPLIT_TARGET_THREADS / tiles), Math.ceil(length / minChunk)));
  const chunk = Math.ceil(length / wanted);
  return [Math.ceil(length / chunk), chunk];
}

function reduceOp(
  ctx: EngineContext,
  label: string,
  partial: GPUBuffer,
  result: Tensor,
  splits: number,
): PlannedOp {
  const kernel = getKernel(ctx.device, conv2dReduceSplitsSpec);
  const count = result.shape.reduce((a, b) => a * b, 1);
  const group = bindKernel(
    ctx.device,
    kernel,
    {
      params: uniforms(ctx, kernel, `${label}/reduce`, { count, splits }),
      partial,
      result: bindingOf(result),
    },
    `${label}/reduce`,
  );
  return dispatchOp(`${label}/reduce`, kernel, group, count);
}

function sequence(label: string, ops: PlannedOp[]): PlannedOp {
  return { label, encode: (pass) => ops.forEach((op) => op.encode(pass)) };
}

/** dweight [cout,cin,kh,kw] = sum over n, oy, ox of dy [n,cout,oh,ow] times the matching x [n,cin,h,w]. */
export function planWeightGrad(
  ctx: EngineContext,
  label: string,
  g: ConvGeometry,
  t: { x: Tensor; dy: Tensor; dweight: Tensor },
): PlannedOp {
  checkShapes(label, { x: t.x, weight: t.dweight, y: t.dy }, g);
  const ksize = g.cin * g.kh * g.kw;
  const tiles = Math.ceil(g.cout / 4) * Math.ceil(ksize / 4);
  const [splits, chunk] = splitK(g.n * g.oh, tiles, 1);
  const kernel = getKernel(ctx.device, conv2dBackwardWeightSpec);
  const partial = ctx.arena.storage(`${label}/partial`, splits * g.cout * ksize * 4);
  const group = bindKernel(
    ctx.device,
    kernel,
    {
      params: uniforms(ctx, kernel, label, convUniforms(g, splits, chunk)),
      x: bindingOf(t.x),
      dy: bindingOf(t.dy),
      partial,
    },
    label,
  );
  return sequence(label, [
    dispatchOp(label, kernel, group, splits * tiles),
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
  const group = bindKernel(
    ctx.device,
    kernel,
    {
      params: uniforms(ctx, kernel, label, { n, channels, plane, splits, chunk }),
      dy: bindingOf(t.dy),
      partial,
    },
    label,
  );
  return sequence(label, [
    dispatchOp(label, kernel, group, splits * channels),
    reduceOp(ctx, label, partial, t.dbias, splits),
  ]);
}
