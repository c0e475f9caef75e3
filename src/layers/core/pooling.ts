// What MaxPool2d and AvgPool2d share: the padding rule, the output size, windows that must touch the
// input, and their constructor keywords.
import { poolOut } from '../../engine/geometry';
import { formatShape, setFix, type SpecIssue } from './issues';
import { needImage, windowFits } from './shape-rules';
import type { CheckContext, InferContext, InferResult } from './types';
import { keywords, pyValues } from './python';
import { attr, type OnnxContext } from './onnx';

export interface PoolWindow {
  id: string;
  kind: string;
  kernel_size: number;
  stride: number;
  padding: number;
  ceil_mode: boolean;
}

export const POOL_DOCS = {
  stride: 'How far the window moves; by default equal to kernel_size, so windows do not overlap.',
  ceil_mode: 'Round the output size up instead of down, so a partial window at the edge counts.',
};

/** PyTorch: "pad should be at most half of kernel size" (1.x counts the undilated kernel; the stricter rule). */
export function checkPoolPadding(layer: PoolWindow, ctx: CheckContext): SpecIssue[] {
  const limit = Math.floor(layer.kernel_size / 2);
  if (layer.padding <= limit) return [];
  const message = `${ctx.name}: padding ${layer.padding} is more than half of kernel_size ${layer.kernel_size}: PyTorch allows at most ${limit}`;
  return [ctx.error(message, setFix(layer, 'padding', limit))];
}

/** Output shape with dilation `d` (1 for average pooling). */
export function inferPool(layer: PoolWindow, ctx: InferContext, d: number): InferResult {
  const notImage = needImage(ctx, layer);
  if (notImage) return { output: null, wired: {}, issues: [notImage] };
  const [c, h, w] = ctx.input;
  const { kernel_size: k, stride: s, padding: p, ceil_mode: ceil } = layer;
  const tooBig = windowFits(ctx, (maxK) => setFix(layer, 'kernel_size', maxK), k, p, d);
  if (tooBig) return { output: null, wired: {}, issues: [tooBig] };
  const output = [c, poolOut(h, k, s, p, d, ceil), poolOut(w, k, s, p, d, ceil)];
  // With dilation the taps of a window can all land in the padding: PyTorch gives -inf there and no
  // gradient can flow back, so the design is refused (the engine refuses to build it too).
  const empty = [
    { axis: 'row', size: h, out: output[1] },
    { axis: 'column', size: w, out: output[2] },
  ].find((a) =>
    Array.from({ length: a.out }, (_, o) => o).some((o) => !windowHitsInput(o, a.size, k, s, p, d)),
  );
  if (empty) {
    const message = `${ctx.name}: with dilation ${d} and padding ${p}, a window of an output ${empty.axis} falls entirely in the padding of the ${formatShape([h, w])} input: set dilation = 1`;
    return { output: null, wired: {}, issues: [ctx.error(message, setFix(layer, 'dilation', 1))] };
  }
  return { output, wired: {}, issues: [] };
}

/** True when the window of output position o (along one axis) has at least one tap inside the input. */
function windowHitsInput(o: number, size: number, k: number, s: number, p: number, d: number): boolean {
  for (let t = 0; t < k; t++) {
    const i = o * s - p + t * d;
    if (i >= 0 && i < size) return true;
  }
  return false;
}

/** `nn.MaxPool2d(kernel_size=2, ...)` with `own` keywords between padding and ceil_mode. */
export function poolModule(
  layer: PoolWindow,
  name: string,
  own: (v: ReturnType<typeof pyValues>) => [string, string, string][],
): string {
  const v = pyValues(name);
  const k = v.int(layer.kernel_size, 'kernel_size');
  return `nn.${layer.kind}(kernel_size=${k}${keywords([
    ['stride', v.int(layer.stride, 'stride'), k],
    ['padding', v.int(layer.padding, 'padding'), '0'],
    ...own(v),
    ['ceil_mode', v.bool(layer.ceil_mode, 'ceil_mode'), 'False'],
  ])})`;
}

/**
 * MaxPool or AveragePool with PyTorch's output size written as padding: ceil_mode's extra windows (and
 * PyTorch's rule that drops one starting in the right padding) become end padding with ceil_mode off,
 * so no reader's ceil rule matters. Averages never count that padding; where PyTorch counts its own zero
 * padding (count_include_pad), the zeros are added first by a Pad node and counted as values.
 */
export function poolOnnx(
  op: 'MaxPool' | 'AveragePool',
  layer: PoolWindow,
  ctx: OnnxContext,
  d: number,
  countPadding = false,
): void {
  const { kernel_size: k, stride: s, padding: p } = layer;
  const [, h, w] = ctx.inputShapes[0];
  const [, oh, ow] = ctx.outputShape;
  // The padding after the input that makes the last window (out - 1)·s + dilated k fit exactly.
  const extra = (size: number, out: number) => Math.max(0, (out - 1) * s + d * (k - 1) + 1 - (size + 2 * p));
  const zeros = op === 'AveragePool' && countPadding && p > 0;
  const x = zeros
    ? ctx.node('Pad', [ctx.inputs[0], ctx.int64s('pads', [0, 0, p, p, 0, 0, p, p])])
    : ctx.inputs[0];
  const q = zeros ? 0 : p;
  const common = {
    kernel_shape: attr.ints([k, k]),
    strides: attr.ints([s, s]),
    pads: attr.ints([q, q, q + extra(h, oh), q + extra(w, ow)]),
  };
  // AveragePool takes dilations only from opset 19 (PyTorch's has none).
  const attributes =
    op === 'MaxPool'
      ? { ...common, dilations: attr.ints([d, d]) }
      : { ...common, count_include_pad: attr.int(0) };
  ctx.node(op, [x], attributes, ctx.output);
}
