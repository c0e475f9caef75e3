// nn.BatchNorm2d: y_c = (x_c − μ_c)/√(σ²_c + eps)·γ_c + β_c, with batch statistics while training and
// running averages (updated by momentum) when evaluating.
import { describeShape, removeFix } from '../core/issues';
import { frac, mi, mn, mo, row, sqrt, sub, sup } from '../core/math';
import { RULES } from '../core/params';
import { keywords, pyFloat, pyValues } from '../core/python';
import { sizeOf } from '../core/summary';
import type { SpecIssue } from '../core/issues';
import type { TensorSpec, Wired } from '../core/types';
import { defineLayer } from '../core/types';
import { attr } from '../core/onnx';

export type BatchNorm2dLayer = {
  kind: 'BatchNorm2d';
  id: string;
  inputs?: string[];
  num_features: number;
  eps: number;
  momentum: number;
  affine: boolean;
};

export const batchNorm2d = defineLayer<BatchNorm2dLayer>({
  kind: 'BatchNorm2d',
  group: 'normalisation',
  description: 'Rescales each channel to zero mean and unit variance over the batch.',
  arity: 'one',
  params: {
    num_features: {
      rule: RULES.channels,
      default: 8,
      doc: 'How many channels to normalise; equals the channels of the input.',
      required: true,
    },
    eps: {
      rule: RULES.eps,
      default: 1e-5,
      doc: 'A tiny number added to the variance so the division never divides by zero.',
    },
    momentum: {
      rule: RULES.momentum,
      default: 0.1,
      doc: 'How fast the running mean and variance (used at test time) follow each batch.',
    },
    affine: {
      rule: RULES.bool,
      default: true,
      doc: 'Whether each channel learns a scale and a shift after normalising.',
    },
  },
  traits: { passThrough: true, batchStatistics: true },

  infer(layer, ctx) {
    if (ctx.input.length !== 3) {
      const message = `${ctx.name}: BatchNorm2d normalises the channels of an image but gets ${describeShape(ctx.input)}: remove it or move it before the Flatten`;
      return { output: [...ctx.input], wired: {}, issues: [ctx.error(message, removeFix(layer))] };
    }
    const issues: SpecIssue[] = [];
    const wired: Wired = {};
    ctx.wire('num_features', ctx.input[0], 'channel', wired, issues);
    return { output: [...ctx.input], wired, issues };
  },

  tensors(layer) {
    const c = [layer.num_features];
    const affine: TensorSpec[] = [
      { name: 'weight', shape: c, fanIn: 0, init: 'ones' },
      { name: 'bias', shape: c, fanIn: 0, init: 'zeros' },
    ];
    return [
      ...(layer.affine ? affine : []),
      { name: 'running_mean', shape: c, fanIn: 0, init: 'zeros', buffer: true },
      { name: 'running_var', shape: c, fanIn: 0, init: 'ones', buffer: true },
    ];
  },

  // Scale and shift per value.
  flops: (_layer, _inputs, output) => 2 * sizeOf(output),
  summary: (layer) => `${layer.num_features} channels${layer.affine ? '' : ', no affine'}`,

  animation: 'normalise',
  explain: (layer) => ({
    rule: row(
      sub(mi('y'), mi('c')),
      mo('='),
      frac(
        row(sub(mi('x'), mi('c')), mo('−'), sub(mi('μ'), mi('c'))),
        sqrt(sup(sub(mi('σ'), mi('c')), mn(2)), mo('+'), mn(layer.eps)),
      ),
      mo('·'),
      sub(mi('γ'), mi('c')),
      mo('+'),
      sub(mi('β'), mi('c')),
    ),
    size: null,
    legend: 'Per channel: batch statistics while training, running averages when evaluating.',
  }),

  // Eval mode: the running statistics; without affine, a scale of ones and a shift of zeros.
  onnx(layer, ctx) {
    const c = layer.num_features;
    const scale = layer.affine ? ctx.tensor('weight') : ctx.floats('ones', [c], new Float32Array(c).fill(1));
    const shift = layer.affine ? ctx.tensor('bias') : ctx.floats('zeros', [c], new Float32Array(c));
    const inputs = [ctx.inputs[0], scale, shift, ctx.tensor('running_mean'), ctx.tensor('running_var')];
    ctx.node('BatchNormalization', inputs, { epsilon: attr.float(layer.eps) }, ctx.output);
  },
  python: {
    prefix: 'bn',
    module(layer, name) {
      const v = pyValues(name);
      return `nn.BatchNorm2d(${v.int(layer.num_features, 'num_features')}${keywords([
        ['eps', v.float(layer.eps, 'eps'), pyFloat(1e-5, 'eps')],
        ['momentum', v.float(layer.momentum, 'momentum'), pyFloat(0.1, 'momentum')],
        ['affine', v.bool(layer.affine, 'affine'), 'True'],
      ])})`;
    },
  },

  fuzz: (layer, r) => ({
    ...layer,
    num_features: r.size(1, 16),
    eps: r.chance(0.95) ? 1e-5 : 0,
    momentum: r.chance(0.95) ? 0.1 : 2,
    affine: r.chance(0.9),
  }),
});
