// nn.GroupNorm: per sample, the channels are split into num_groups groups and each group is normalised
// by its own mean and variance: y = (x − μ_g)/√(σ²_g + eps)·γ_c + β_c; the same in training and evaluation.
import { describeShape, removeFix, setFix, type SpecIssue } from '../core/issues';
import { frac, mi, mn, mo, row, sqrt, sub, sup } from '../core/math';
import { RULES } from '../core/params';
import { keywords, pyFloat, pyValues } from '../core/python';
import { sizeOf } from '../core/summary';
import type { Wired } from '../core/types';
import { defineLayer } from '../core/types';
import { attr } from '../core/onnx';

export type GroupNormLayer = {
  kind: 'GroupNorm';
  id: string;
  inputs?: string[];
  num_groups: number;
  num_channels: number;
  eps: number;
  affine: boolean;
};

export const groupNorm = defineLayer<GroupNormLayer>({
  kind: 'GroupNorm',
  group: 'normalisation',
  description: 'Normalises groups of channels within each sample, so it works with any batch size.',
  arity: 'one',
  params: {
    num_groups: {
      rule: RULES.channels,
      default: 2,
      doc: 'How many groups the channels are split into; each is normalised on its own.',
      required: true,
    },
    num_channels: {
      rule: RULES.channels,
      default: 8,
      doc: 'How many channels come in; must be divisible by num_groups.',
      required: true,
    },
    eps: {
      rule: RULES.eps,
      default: 1e-5,
      doc: 'A tiny number added to the variance so the division never divides by zero.',
    },
    affine: {
      rule: RULES.bool,
      default: true,
      doc: 'Whether each channel learns a scale and a shift after normalising.',
    },
  },
  traits: { passThrough: true },

  infer(layer, ctx) {
    if (ctx.input.length !== 3) {
      const message = `${ctx.name}: GroupNorm normalises the channels of an image but gets ${describeShape(ctx.input)}: remove it or move it before the Flatten`;
      return { output: [...ctx.input], wired: {}, issues: [ctx.error(message, removeFix(layer))] };
    }
    const issues: SpecIssue[] = [];
    const wired: Wired = {};
    ctx.wire('num_channels', ctx.input[0], 'channel', wired, issues);
    const channels = wired.num_channels ?? layer.num_channels;
    if (channels % layer.num_groups !== 0) {
      let fit = Math.min(layer.num_groups, channels);
      while (channels % fit !== 0) fit--;
      const message = `${ctx.name}: ${channels} channels cannot be split into ${layer.num_groups} equal groups: set num_groups = ${fit}`;
      issues.push(ctx.error(message, setFix(layer, 'num_groups', fit)));
      return { output: null, wired, issues };
    }
    return { output: [...ctx.input], wired, issues };
  },

  tensors(layer) {
    if (!layer.affine) return [];
    const c = [layer.num_channels];
    return [
      { name: 'weight', shape: c, fanIn: 0, init: 'ones' },
      { name: 'bias', shape: c, fanIn: 0, init: 'zeros' },
    ];
  },

  flops: (_layer, _inputs, output) => 2 * sizeOf(output),
  summary: (layer) => `${layer.num_groups} groups of ${layer.num_channels / layer.num_groups}`,

  animation: 'normalise',
  explain: (layer) => ({
    rule: row(
      sub(mi('y'), mi('c')),
      mo('='),
      frac(
        row(sub(mi('x'), mi('c')), mo('−'), sub(mi('μ'), mi('g'))),
        sqrt(sup(sub(mi('σ'), mi('g')), mn(2)), mo('+'), mn(layer.eps)),
      ),
      ...(layer.affine ? [mo('·'), sub(mi('γ'), mi('c')), mo('+'), sub(mi('β'), mi('c'))] : []),
    ),
    size: null,
    legend: `Per sample: channel c belongs to group g; μ and σ are over the ${layer.num_channels / layer.num_groups} channels of its group and all pixels.`,
  }),

  // As PyTorch's own exporter below opset 18: each group of channels becomes one instance-normalised
  // row ([N, G, C/G·H·W]), then the per-channel scale and shift. (Opset 18's GroupNormalization scales
  // per group, not per channel.)
  onnx(layer, ctx) {
    const [c, h, w] = ctx.inputShapes[0];
    const g = layer.num_groups;
    const rows = ctx.node('Reshape', [ctx.inputs[0], ctx.int64s('grouped', [0, g, -1])]);
    const ones = ctx.floats('ones', [g], new Float32Array(g).fill(1));
    const zeros = ctx.floats('zeros', [g], new Float32Array(g));
    const normed = ctx.node('InstanceNormalization', [rows, ones, zeros], { epsilon: attr.float(layer.eps) });
    const shape = ctx.int64s('shape', [-1, c, h, w]);
    if (!layer.affine) return void ctx.node('Reshape', [normed, shape], {}, ctx.output);
    const image = ctx.node('Reshape', [normed, shape]);
    const scaled = ctx.node('Mul', [image, ctx.tensor('weight', [c, 1, 1])]);
    ctx.node('Add', [scaled, ctx.tensor('bias', [c, 1, 1])], {}, ctx.output);
  },
  python: {
    prefix: 'gn',
    module(layer, name) {
      const v = pyValues(name);
      return `nn.GroupNorm(${v.int(layer.num_groups, 'num_groups')}, ${v.int(layer.num_channels, 'num_channels')}${keywords(
        [
          ['eps', v.float(layer.eps, 'eps'), pyFloat(1e-5, 'eps')],
          ['affine', v.bool(layer.affine, 'affine'), 'True'],
        ],
      )})`;
    },
  },

  fuzz: (layer, r) => ({
    ...layer,
    num_groups: r.pick([1, 2, 4, r.size(1, 8)]),
    num_channels: r.size(1, 16),
    affine: r.chance(0.8),
  }),
});
