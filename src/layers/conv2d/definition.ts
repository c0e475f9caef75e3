// nn.Conv2d: learned filters slid over the image. y(i,j) = b + Σ_c Σ_m Σ_n w_c(m,n)·x_c(s·i + d·m − p, s·j + d·n − p).
import { convOut } from '../../engine/geometry';
import { call, convSize, sum, tapIndex } from '../core/formula';
import { setFix, type SpecIssue } from '../core/issues';
import { mi, mo, row, sub } from '../core/math';
import { RULES, SPEC_LIMITS } from '../core/params';
import { keywords, pyValues } from '../core/python';
import { needImage, nearest, windowFits } from '../core/shape-rules';
import { sizeOf, windowSummary } from '../core/summary';
import type { InferContext, Wired } from '../core/types';
import { defineLayer } from '../core/types';
import { attr, windowAttributes } from '../core/onnx';

export type Conv2dLayer = {
  kind: 'Conv2d';
  id: string;
  inputs?: string[];
  in_channels: number;
  out_channels: number;
  kernel_size: number;
  stride: number;
  padding: number;
  dilation: number;
  groups: number;
  bias: boolean;
};

export const CONV_DOCS = {
  in_channels: 'How many channels (feature maps) come in; 1 for a greyscale image.',
  out_channels: 'How many filters to learn; each gives one output channel.',
  kernel_size: 'Width and height of each filter, in pixels.',
  stride: 'How far the filter moves between positions; 2 halves the image size.',
  padding: 'Zeros added around the border, so the filter can also centre on edge pixels.',
  dilation: 'Spacing between the filter taps; above 1 the filter sees a wider area with the same weights.',
  groups: 'Splits the channels into this many separate convolutions; equal to in_channels it is depthwise.',
  bias: 'Whether each output channel adds a learned constant.',
};

export const conv2d = defineLayer<Conv2dLayer>({
  kind: 'Conv2d',
  group: 'convolution',
  description: 'Slides learned filters over the image to detect local patterns.',
  arity: 'one',
  params: {
    in_channels: { rule: RULES.channels, default: 1, doc: CONV_DOCS.in_channels, required: true },
    out_channels: { rule: RULES.channels, default: 8, doc: CONV_DOCS.out_channels, required: true },
    kernel_size: { rule: RULES.kernel, default: 3, doc: CONV_DOCS.kernel_size, required: true },
    stride: { rule: RULES.stride, default: 1, doc: CONV_DOCS.stride },
    padding: { rule: RULES.padding, default: 0, doc: CONV_DOCS.padding },
    dilation: { rule: RULES.dilation, default: 1, doc: CONV_DOCS.dilation },
    groups: { rule: RULES.channels, default: 1, doc: CONV_DOCS.groups },
    bias: { rule: RULES.bool, default: true, doc: CONV_DOCS.bias },
  },
  traits: { sizeParam: 'out_channels', reluEpilogue: true, filters: true },

  infer(layer, ctx) {
    const notImage = needImage(ctx, layer);
    if (notImage) return { output: null, wired: {}, issues: [notImage] };
    const issues: SpecIssue[] = [];
    const wired: Wired = {};
    const [c, h, w] = ctx.input;
    ctx.wire('in_channels', c, 'channel', wired, issues);
    const grouping = checkGroups(ctx, layer, wired.in_channels ?? layer.in_channels);
    if (grouping) return { output: null, wired, issues: [...issues, grouping] };
    const { kernel_size: k, stride: s, padding: p, dilation: d } = layer;
    const tooBig = windowFits(ctx, (maxK) => setFix(layer, 'kernel_size', maxK), k, p, d);
    if (tooBig) return { output: null, wired, issues: [...issues, tooBig] };
    return { output: [layer.out_channels, convOut(h, k, s, p, d), convOut(w, k, s, p, d)], wired, issues };
  },

  tensors(layer) {
    const k = layer.kernel_size;
    // Each filter sees only its group's in_channels / groups channels.
    const perGroup = layer.in_channels / layer.groups;
    const fanIn = perGroup * k * k;
    const weight = {
      name: 'weight',
      shape: [layer.out_channels, perGroup, k, k],
      fanIn,
      init: 'uniform' as const,
    };
    return layer.bias
      ? [weight, { name: 'bias', shape: [layer.out_channels], fanIn, init: 'uniform' }]
      : [weight];
  },

  flops: (layer, _inputs, output) =>
    (2 * layer.in_channels * layer.kernel_size ** 2 * sizeOf(output)) / layer.groups,

  summary: (layer) =>
    `${layer.in_channels}→${layer.out_channels}, ${windowSummary(layer.kernel_size, layer.stride, layer.padding, 1)}${groupSummary(layer)}`,

  explain(layer, inputSize) {
    const { kernel_size: k, stride: s, padding: p, dilation: d, in_channels: c } = layer;
    const many = c > 1;
    const w = many ? sub(mi('w'), mi('c')) : mi('w');
    const x = many ? sub(mi('x'), mi('c')) : mi('x');
    const terms = row(
      ...(many ? [sum('c', c - 1)] : []),
      sum('m', k - 1),
      sum('n', k - 1),
      call(w, mi('m'), mi('n')),
      mo('·'),
      call(x, ...tapIndex(s, d, p)),
    );
    return {
      rule: row(call(mi('y'), mi('i'), mi('j')), mo('='), ...(layer.bias ? [mi('b'), mo('+')] : []), terms),
      size: convSize(inputSize, k, s, p, d),
      legend: `Each output map has its own ${k}×${k} kernel w per input channel${many ? ` (c = 0…${c - 1})` : ''}; stride ${s}, padding ${p} (zeros outside the image), dilation ${d}.`,
    };
  },

  animation: 'conv',

  onnx(layer, ctx) {
    const { kernel_size: k, stride: s, padding: p, dilation: d } = layer;
    const bias = layer.bias ? [ctx.tensor('bias')] : [];
    const attributes = { ...windowAttributes(k, s, p, d), group: attr.int(layer.groups) };
    ctx.node('Conv', [ctx.inputs[0], ctx.tensor('weight'), ...bias], attributes, ctx.output);
  },
  python: {
    prefix: 'conv',
    module(layer, name) {
      const v = pyValues(name);
      const args =
        `${v.int(layer.in_channels, 'in_channels')}, ${v.int(layer.out_channels, 'out_channels')}, ` +
        `kernel_size=${v.int(layer.kernel_size, 'kernel_size')}`;
      return `nn.Conv2d(${args}${keywords([
        ['stride', v.int(layer.stride, 'stride'), '1'],
        ['padding', v.int(layer.padding, 'padding'), '0'],
        ['dilation', v.int(layer.dilation, 'dilation'), '1'],
        ['groups', v.int(layer.groups, 'groups'), '1'],
        ['bias', v.bool(layer.bias, 'bias'), 'True'],
      ])})`;
    },
  },

  fitSide(layer, h, w, side) {
    const { kernel_size: k, stride: s, padding: p, dilation: d } = layer;
    const gives = (kk: number, pp: number) =>
      convOut(h, kk, s, pp, d) === side && convOut(w, kk, s, pp, d) === side && kk <= Math.max(h, w) + 2 * pp;
    for (const pp of nearest(p, 0, SPEC_LIMITS.maxPadding))
      if (gives(k, pp)) return { param: 'padding', value: pp };
    for (const kk of nearest(k, 1, SPEC_LIMITS.maxKernel))
      if (gives(kk, p)) return { param: 'kernel_size', value: kk };
    return null;
  },

  narrow: (layer, factor) =>
    layer.out_channels > 1 ? { ...layer, out_channels: layer.out_channels / factor } : layer,

  fuzz: (layer, r) => ({
    ...layer,
    in_channels: r.size(1, 8),
    out_channels: r.size(1, 16),
    kernel_size: r.size(1, 5),
    stride: r.size(1, 3),
    padding: r.size(0, 2),
    dilation: r.chance(0.8) ? 1 : r.size(1, 3),
    groups: r.chance(0.9) ? 1 : r.size(1, 4),
    bias: r.chance(0.8),
  }),
});

/** ", depthwise" or ", 4 groups" for a card. */
export function groupSummary(layer: { groups: number; in_channels: number }): string {
  if (layer.groups === 1) return '';
  return layer.groups === layer.in_channels ? ', depthwise' : `, ${layer.groups} groups`;
}

/** PyTorch: in_channels and out_channels must both be divisible by groups. */
export function checkGroups(
  ctx: InferContext,
  layer: { id: string; groups: number; out_channels: number },
  inChannels: number,
): SpecIssue | null {
  const g = layer.groups;
  if (inChannels % g === 0 && layer.out_channels % g === 0) return null;
  const which = inChannels % g !== 0 ? `in_channels (${inChannels})` : `out_channels (${layer.out_channels})`;
  const fit = largestCommonDivisor(inChannels, layer.out_channels, g);
  const message = `${ctx.name}: ${which} must be divisible by groups (${g}): set groups = ${fit}`;
  return ctx.error(message, setFix(layer, 'groups', fit));
}

/** The largest divisor of both a and b that is at most `limit` (at least 1). */
function largestCommonDivisor(a: number, b: number, limit: number): number {
  for (let g = Math.min(limit, a, b); g > 1; g--) if (a % g === 0 && b % g === 0) return g;
  return 1;
}
