// nn.ConvTranspose2d (the seed's deconvolution): each input value stamps a scaled kernel onto the output,
// y(i,j) = b + Σ_m Σ_n w(m,n)·x((i + p − d·m)/s, (j + p − d·n)/s), terms with a whole index inside x only.
import { convTransposeOut } from '../../engine/geometry';
import { CONV_DOCS, checkGroups, groupSummary } from '../conv2d/definition';
import { affine, frac, mi, mn, mo, row } from '../core/math';
import { call, sum, transposeSize } from '../core/formula';
import { formatShape, setFix, type SpecIssue } from '../core/issues';
import { RULES, SPEC_LIMITS } from '../core/params';
import { keywords, pyValues } from '../core/python';
import { needImage, nearest } from '../core/shape-rules';
import { sizeOf, windowSummary } from '../core/summary';
import type { Wired } from '../core/types';
import { defineLayer } from '../core/types';
import { attr, windowAttributes } from '../core/onnx';

export type ConvTranspose2dLayer = {
  kind: 'ConvTranspose2d';
  id: string;
  inputs?: string[];
  in_channels: number;
  out_channels: number;
  kernel_size: number;
  stride: number;
  padding: number;
  output_padding: number;
  dilation: number;
  groups: number;
  bias: boolean;
};

export const convTranspose2d = defineLayer<ConvTranspose2dLayer>({
  kind: 'ConvTranspose2d',
  group: 'convolution',
  description: 'Upsamples: spreads each pixel through a learned filter to grow the image.',
  arity: 'one',
  params: {
    in_channels: { rule: RULES.channels, default: 1, doc: CONV_DOCS.in_channels, required: true },
    out_channels: { rule: RULES.channels, default: 8, doc: CONV_DOCS.out_channels, required: true },
    kernel_size: { rule: RULES.kernel, default: 3, doc: CONV_DOCS.kernel_size, required: true },
    stride: {
      rule: RULES.stride,
      default: 1,
      doc: 'How far apart input pixels are spread in the output; 2 doubles the image size.',
    },
    padding: {
      rule: RULES.padding,
      default: 0,
      doc: 'Trims this many pixels from each border of the output (the inverse of Conv2d padding).',
    },
    output_padding: {
      rule: RULES.padding,
      default: 0,
      doc: 'Extra pixels added on one side of the output, to reach an exact size; must be below stride.',
    },
    dilation: { rule: RULES.dilation, default: 1, doc: CONV_DOCS.dilation },
    groups: { rule: RULES.channels, default: 1, doc: CONV_DOCS.groups },
    bias: { rule: RULES.bool, default: true, doc: CONV_DOCS.bias },
  },
  traits: { sizeParam: 'out_channels', filters: true },

  check(layer, ctx) {
    const bound = Math.max(layer.stride, layer.dilation);
    if (layer.output_padding < bound) return [];
    const message = `${ctx.name}: output_padding ${layer.output_padding} must be smaller than stride (${layer.stride}) or dilation (${layer.dilation}): set output_padding ≤ ${bound - 1}`;
    return [ctx.error(message, setFix(layer, 'output_padding', bound - 1))];
  },

  infer(layer, ctx) {
    const notImage = needImage(ctx, layer);
    if (notImage) return { output: null, wired: {}, issues: [notImage] };
    const issues: SpecIssue[] = [];
    const wired: Wired = {};
    const [c, h, w] = ctx.input;
    ctx.wire('in_channels', c, 'channel', wired, issues);
    const grouping = checkGroups(ctx, layer, wired.in_channels ?? layer.in_channels);
    if (grouping) return { output: null, wired, issues: [...issues, grouping] };
    const { kernel_size: k, stride: s, padding: p, output_padding: op, dilation: d } = layer;
    const oh = convTransposeOut(h, k, s, p, d, op);
    const ow = convTransposeOut(w, k, s, p, d, op);
    if (oh <= 0 || ow <= 0) {
      const maxP = Math.floor(((Math.min(h, w) - 1) * s + d * (k - 1) + op) / 2);
      const message = `${ctx.name}: padding ${p} leaves no output from the ${formatShape([h, w])} input (size ${Math.min(oh, ow)}): reduce padding to ≤ ${maxP}`;
      return { output: null, wired, issues: [...issues, ctx.error(message, setFix(layer, 'padding', maxP))] };
    }
    return { output: [layer.out_channels, oh, ow], wired, issues };
  },

  tensors(layer) {
    const k = layer.kernel_size;
    // PyTorch stores the weight as [in, out/groups, k, k] and takes fan_in from weight.size(1).
    const perGroup = layer.out_channels / layer.groups;
    const fanIn = perGroup * k * k;
    const weight = {
      name: 'weight',
      shape: [layer.in_channels, perGroup, k, k],
      fanIn,
      init: 'uniform' as const,
    };
    return layer.bias
      ? [weight, { name: 'bias', shape: [layer.out_channels], fanIn, init: 'uniform' }]
      : [weight];
  },

  // Every input value is scattered through a k×k window to each output channel.
  flops: (layer, inputs) =>
    (2 * sizeOf(inputs[0]) * layer.out_channels * layer.kernel_size ** 2) / layer.groups,

  summary: (layer) =>
    `${layer.in_channels}→${layer.out_channels}, ${windowSummary(layer.kernel_size, layer.stride, layer.padding, 1)}${groupSummary(layer)}`,

  animation: 'transpose',
  explain(layer, inputSize) {
    const { kernel_size: k, stride: s, padding: p, dilation: d, output_padding: op } = layer;
    const index = (o: string, t: string) => {
      const top = affine(
        [
          [1, o],
          [-d, t],
        ],
        p,
      );
      return s === 1 ? top : frac(top, mn(s));
    };
    return {
      rule: row(
        call(mi('y'), mi('i'), mi('j')),
        mo('='),
        ...(layer.bias ? [mi('b'), mo('+')] : []),
        sum('m', k - 1),
        sum('n', k - 1),
        call(mi('w'), mi('m'), mi('n')),
        mo('·'),
        call(mi('x'), index('i', 'm'), index('j', 'n')),
      ),
      size: transposeSize(inputSize, k, s, p, d, op),
      legend: `Each input value stamps a scaled ${k}×${k} kernel onto the output; only terms whose x index is a whole number inside the input count (stride ${s}, padding ${p}, dilation ${d}).`,
    };
  },

  // ONNX keeps PyTorch's weight layout [in, out / groups, k, k] and its output size rule.
  onnx(layer, ctx) {
    const { kernel_size: k, stride: s, padding: p, dilation: d, output_padding: op } = layer;
    const bias = layer.bias ? [ctx.tensor('bias')] : [];
    const attributes = {
      ...windowAttributes(k, s, p, d),
      output_padding: attr.ints([op, op]),
      group: attr.int(layer.groups),
    };
    ctx.node('ConvTranspose', [ctx.inputs[0], ctx.tensor('weight'), ...bias], attributes, ctx.output);
  },
  python: {
    prefix: 'deconv',
    module(layer, name) {
      const v = pyValues(name);
      const args =
        `${v.int(layer.in_channels, 'in_channels')}, ${v.int(layer.out_channels, 'out_channels')}, ` +
        `kernel_size=${v.int(layer.kernel_size, 'kernel_size')}`;
      return `nn.ConvTranspose2d(${args}${keywords([
        ['stride', v.int(layer.stride, 'stride'), '1'],
        ['padding', v.int(layer.padding, 'padding'), '0'],
        ['output_padding', v.int(layer.output_padding, 'output_padding'), '0'],
        ['groups', v.int(layer.groups, 'groups'), '1'],
        ['bias', v.bool(layer.bias, 'bias'), 'True'],
        ['dilation', v.int(layer.dilation, 'dilation'), '1'],
      ])})`;
    },
  },

  fitSide(layer, h, w, side) {
    const { kernel_size: k, stride: s, padding: p, output_padding: op, dilation: d } = layer;
    const gives = (kk: number, pp: number, oo: number) =>
      convTransposeOut(h, kk, s, pp, d, oo) === side && convTransposeOut(w, kk, s, pp, d, oo) === side;
    // PyTorch requires output_padding < stride or < dilation.
    for (const o of nearest(op, 0, Math.max(s, d) - 1))
      if (gives(k, p, o)) return { param: 'output_padding', value: o };
    for (const pp of nearest(p, 0, SPEC_LIMITS.maxPadding))
      if (gives(k, pp, op)) return { param: 'padding', value: pp };
    for (const kk of nearest(k, 1, SPEC_LIMITS.maxKernel))
      if (gives(kk, p, op)) return { param: 'kernel_size', value: kk };
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
    output_padding: r.chance(0.7) ? 0 : r.size(0, 2),
  }),
});
