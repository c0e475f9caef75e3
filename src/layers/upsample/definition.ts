// nn.Upsample(scale_factor, mode): nearest repeats each pixel s×s times; bilinear blends the 4 nearest
// input pixels by distance (align_corners: whether the corner pixels' centres line up).
import { setFix } from '../core/issues';
import { frac, mi, mn, mo, mtext, row, sub } from '../core/math';
import { call } from '../core/formula';
import { SPEC_LIMITS } from '../core/params';
import { keywords, pyValues, pyWord } from '../core/python';
import { needImage } from '../core/shape-rules';
import { sizeOf } from '../core/summary';
import { defineLayer } from '../core/types';
import { attr, type OnnxAttributes } from '../core/onnx';

export type UpsampleLayer = {
  kind: 'Upsample';
  id: string;
  inputs?: string[];
  scale_factor: number;
  mode: string;
  align_corners: boolean;
};

const MODES = ['nearest', 'bilinear'] as const;

export const upsample = defineLayer<UpsampleLayer>({
  kind: 'Upsample',
  group: 'pooling',
  description: 'Enlarges the image by a whole factor, repeating (nearest) or blending (bilinear) pixels.',
  arity: 'one',
  params: {
    scale_factor: {
      rule: { type: 'int', min: 1, max: SPEC_LIMITS.maxScale },
      default: 2,
      doc: 'How many times larger the height and width become (2 doubles them).',
    },
    mode: {
      rule: { type: 'choice', options: MODES },
      default: 'nearest',
      doc: "How new pixels are made: 'nearest' repeats each pixel, 'bilinear' blends the four nearest by distance.",
    },
    align_corners: {
      rule: { type: 'bool' },
      default: false,
      doc: 'Bilinear only: line up the centres of the corner pixels of input and output.',
    },
  },

  check(layer, ctx) {
    if (layer.mode !== 'nearest' || !layer.align_corners) return [];
    const message = `${ctx.name}: align_corners only applies to bilinear mode (PyTorch refuses it with 'nearest'): set align_corners = false`;
    return [ctx.error(message, setFix(layer, 'align_corners', false))];
  },

  infer(layer, ctx) {
    const notImage = needImage(ctx, layer);
    if (notImage) return { output: null, wired: {}, issues: [notImage] };
    const [c, h, w] = ctx.input;
    return { output: [c, h * layer.scale_factor, w * layer.scale_factor], wired: {}, issues: [] };
  },

  // Nearest copies; bilinear weighs four pixels (4 multiply-adds) per output value.
  flops: (layer, _inputs, output) => (layer.mode === 'bilinear' ? 8 : 0) * sizeOf(output),
  summary: (layer) => `×${layer.scale_factor}, ${layer.mode}`,

  animation: 'upsample',
  explain: (layer) => ({
    rule:
      layer.mode === 'nearest'
        ? row(
            call(mi('y'), mi('i'), mi('j')),
            mo('='),
            call(
              mi('x'),
              row(mo('⌊'), frac(mi('i'), mn(layer.scale_factor)), mo('⌋')),
              row(mo('⌊'), frac(mi('j'), mn(layer.scale_factor)), mo('⌋')),
            ),
          )
        : row(
            call(mi('y'), mi('i'), mi('j')),
            mo('='),
            sub(mi('Σ'), mtext('4 nearest')),
            sub(mi('w'), mi('pq')),
            mo('·'),
            call(mi('x'), mi('p'), mi('q')),
          ),
    size: null,
    legend:
      layer.mode === 'nearest'
        ? `Each pixel becomes a ${layer.scale_factor}×${layer.scale_factor} block of copies; no weights.`
        : `Each output pixel blends the four input pixels around its position, weighted by distance${layer.align_corners ? ' (corners aligned)' : ''}; no weights.`,
  }),

  // ONNX's coordinate rules that are PyTorch's: nearest takes floor(i / s); bilinear maps i to
  // (i + ½)/s − ½ (or i·(in − 1)/(out − 1) with align_corners), clamped at the edges.
  onnx(layer, ctx) {
    const s = layer.scale_factor;
    const scales = ctx.floats('scales', [4], [1, 1, s, s]);
    const attributes: OnnxAttributes =
      layer.mode === 'nearest'
        ? {
            mode: attr.string('nearest'),
            coordinate_transformation_mode: attr.string('asymmetric'),
            nearest_mode: attr.string('floor'),
          }
        : {
            mode: attr.string('linear'),
            coordinate_transformation_mode: attr.string(
              layer.align_corners ? 'align_corners' : 'pytorch_half_pixel',
            ),
          };
    // The second input (a region of interest) is left empty.
    ctx.node('Resize', [ctx.inputs[0], '', scales], attributes, ctx.output);
  },
  python: {
    prefix: 'up',
    module(layer, name) {
      const v = pyValues(name);
      const mode = pyWord(layer.mode, MODES, `${name}.mode`);
      // PyTorch warns unless bilinear states align_corners.
      const corners: [string, string, string][] =
        layer.mode === 'bilinear'
          ? [['align_corners', v.bool(layer.align_corners, 'align_corners'), '']]
          : [];
      return `nn.Upsample(scale_factor=${v.int(layer.scale_factor, 'scale_factor')}${keywords([['mode', mode, "'nearest'"], ...corners])})`;
    },
  },

  fuzz: (layer, r) => ({
    ...layer,
    scale_factor: r.size(1, 3),
    mode: r.pick(['nearest', 'bilinear']),
    align_corners: r.chance(0.2),
  }),
});
