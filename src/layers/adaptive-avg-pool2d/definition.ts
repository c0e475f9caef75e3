// nn.AdaptiveAvgPool2d(output_size): the mean of each of oh×ow bins, bin i covering rows
// ⌊i·H/oh⌋ to ⌈(i+1)·H/oh⌉; (1, 1) is global average pooling.
import { frac, mi, mo, row, sub } from '../core/math';
import { call } from '../core/formula';
import { SPEC_LIMITS } from '../core/params';
import { pyInts } from '../core/python';
import { needImage } from '../core/shape-rules';
import { sizeOf } from '../core/summary';
import { defineLayer } from '../core/types';
import { attr } from '../core/onnx';

export type AdaptiveAvgPool2dLayer = {
  kind: 'AdaptiveAvgPool2d';
  id: string;
  inputs?: string[];
  output_size: number[];
};

export const adaptiveAvgPool2d = defineLayer<AdaptiveAvgPool2dLayer>({
  kind: 'AdaptiveAvgPool2d',
  group: 'pooling',
  description: 'Averages the image down to a fixed size, whatever its size; (1, 1) averages each channel.',
  arity: 'one',
  params: {
    output_size: {
      rule: { type: 'size', dims: ['H', 'W'], max: [SPEC_LIMITS.maxSpatial, SPEC_LIMITS.maxSpatial] },
      default: [1, 1],
      doc: 'The height and width of the output; [1, 1] is global average pooling.',
      required: true,
    },
  },

  infer(layer, ctx) {
    const notImage = needImage(ctx, layer);
    if (notImage) return { output: null, wired: {}, issues: [notImage] };
    return { output: [ctx.input[0], ...layer.output_size], wired: {}, issues: [] };
  },

  // One read per input value (each lands in a bin) for every output value's bin.
  flops: (_layer, inputs) => sizeOf(inputs[0]),
  summary: (layer) =>
    layer.output_size.every((s) => s === 1) ? 'global' : `to ${layer.output_size.join('×')}`,
  animation: 'bins',
  explain: (layer) => ({
    rule: row(
      call(mi('y'), mi('i'), mi('j')),
      mo('='),
      frac(mi('1'), row(mo('|'), sub(mi('B'), mi('ij')), mo('|'))),
      sub(mi('Σ'), row(mi('x'), mo('∈'), sub(mi('B'), mi('ij')))),
      mi('x'),
    ),
    size: null,
    legend: `The image is cut into ${layer.output_size.join('×')} bins of (nearly) equal size; each output is the mean of one bin.`,
  }),
  // Whole bins are average pooling; bins of unequal sizes (which may overlap) are separable means, so
  // two matrix products: columns [W, ow], then rows [oh, H].
  onnx(layer, ctx) {
    const [, h, w] = ctx.inputShapes[0];
    const [oh, ow] = layer.output_size;
    if (oh === 1 && ow === 1) return void ctx.node('GlobalAveragePool', ctx.inputs, {}, ctx.output);
    if (h % oh === 0 && w % ow === 0) {
      const window = attr.ints([h / oh, w / ow]);
      return void ctx.node('AveragePool', ctx.inputs, { kernel_shape: window, strides: window }, ctx.output);
    }
    const cols = ctx.floats('cols', [w, ow], binMeans(w, ow, true));
    const rows = ctx.floats('rows', [oh, h], binMeans(h, oh, false));
    ctx.node('MatMul', [rows, ctx.node('MatMul', [ctx.inputs[0], cols])], {}, ctx.output);
  },
  python: {
    prefix: 'gap',
    module: (layer, name) => `nn.AdaptiveAvgPool2d(${pyInts(layer.output_size, 2, `${name}.output_size`)})`,
  },
  fuzz: (layer, r) => ({
    ...layer,
    output_size: r.pick([
      [1, 1],
      [2, 2],
      [r.size(1, 8), r.size(1, 8)],
    ]),
  }),
});

/** Means over PyTorch's adaptive bins (output o pools [⌊o·in/out⌋, ⌈(o+1)·in/out⌉), as
 *  engine/ops/adaptive-pool-geometry.ts) as an [output, input] matrix, or its transpose. */
function binMeans(input: number, output: number, transposed: boolean): Float32Array {
  const matrix = new Float32Array(input * output);
  for (let o = 0; o < output; o++) {
    const start = Math.floor((o * input) / output);
    const end = Math.ceil(((o + 1) * input) / output);
    for (let i = start; i < end; i++) matrix[transposed ? i * output + o : o * input + i] = 1 / (end - start);
  }
  return matrix;
}
