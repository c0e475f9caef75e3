// Shape rules for the layers that slide a window over an image: Conv2d, ConvTranspose2d, pools, BatchNorm2d.
// Output sizes follow PyTorch's formulas exactly (see each function), per dimension (H and W may differ).
import type { SpecIssue } from './issues';
import {
  describeShape,
  fixLayer,
  guessImageShape,
  insertFix,
  layerIssue,
  layerName,
  plural,
  removeFix,
  setFix,
} from './issue-helpers';
import type {
  AvgPool2dLayer,
  BatchNorm2dLayer,
  Conv2dLayer,
  ConvTranspose2dLayer,
  Layer,
  MaxPool2dLayer,
} from './spec';
import { formatShape } from './spec';
import { sourceName, type StepContext, type StepResult, type Wired } from './shape-context';

/** floor((n + 2p - d(k-1) - 1) / s) + 1 */
export function convOut(n: number, k: number, s: number, p: number, d: number): number {
  return Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1;
}

/** (n - 1)s - 2p + d(k-1) + output_padding + 1 */
export function convTransposeOut(n: number, k: number, s: number, p: number, op: number, d: number): number {
  return (n - 1) * s - 2 * p + d * (k - 1) + op + 1;
}

/** PyTorch's pooling size: ceil_mode rounds up, but the last window must start inside the (left-padded) input. */
export function poolOut(n: number, k: number, s: number, p: number, d: number, ceil: boolean): number {
  const span = n + 2 * p - d * (k - 1) - 1;
  let out = (ceil ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
  if (ceil && (out - 1) * s >= n + p) out--;
  return out;
}

/** An image is required: a flat input gets "insert Unflatten before layer N". */
function needImage(ctx: StepContext, layer: Layer): SpecIssue | null {
  if (ctx.input.length === 3) return null;
  const n = ctx.input[0];
  const guess = guessImageShape(n, ctx.lastFlatten?.shape ?? null);
  const message = `${layer.kind} expects an image (channels × height × width) but gets ${n} flat values: insert Unflatten before layer ${ctx.index + 1}`;
  if (!guess) return layerIssue(ctx.index, layer, 'error', message);
  const unflatten = { ...fixLayer(ctx.spec, 'Unflatten', ctx.index), unflattened_size: guess };
  return layerIssue(
    ctx.index,
    layer,
    'error',
    message,
    insertFix(ctx.index, unflatten, `Unflatten to ${formatShape(guess)}`),
  );
}

/** With autoWire the parameter follows the input; without, a mismatch is an error with a fix. */
export function wire(
  ctx: StepContext,
  layer: Layer,
  param: keyof Wired,
  actual: number,
  unit: string,
  wired: Wired,
  issues: SpecIssue[],
): void {
  if (ctx.spec.autoWire) {
    wired[param] = actual;
    return;
  }
  const declared = (layer as unknown as Record<string, number>)[param];
  if (declared === actual) return;
  const message = `${layerName(ctx.index, layer)}: ${param} is ${declared} but ${sourceName(ctx.index)} gives ${plural(actual, unit)}: set ${param} = ${actual}`;
  issues.push(layerIssue(ctx.index, layer, 'error', message, setFix(layer, param, actual)));
}

/** The sliding window must fit in the padded input: "kernel 7 is larger than the 4×4 input: ...". */
function windowFits(ctx: StepContext, layer: Layer, k: number, p: number, d: number): SpecIssue | null {
  const [, h, w] = ctx.input;
  const room = Math.min(h, w) + 2 * p;
  if (d * (k - 1) + 1 <= room) return null;
  const maxK = Math.floor((room - 1) / d) + 1;
  const where = `the ${formatShape([h, w])} input${p > 0 ? ` (${formatShape([h + 2 * p, w + 2 * p])} with padding ${p})` : ''}`;
  const message =
    d === 1
      ? `${layerName(ctx.index, layer)}: kernel ${k} is larger than ${where}: reduce kernel_size to ≤ ${maxK} or add padding`
      : `${layerName(ctx.index, layer)}: kernel ${k} with dilation ${d} spans ${d * (k - 1) + 1} pixels, more than ${where}: reduce kernel_size to ≤ ${maxK} or dilation, or add padding`;
  return layerIssue(ctx.index, layer, 'error', message, setFix(layer, 'kernel_size', maxK));
}

export function inferConv(ctx: StepContext, layer: Conv2dLayer): StepResult {
  const notImage = needImage(ctx, layer);
  if (notImage) return { output: null, wired: {}, issues: [notImage] };
  const issues: SpecIssue[] = [];
  const wired: Wired = {};
  const [c, h, w] = ctx.input;
  wire(ctx, layer, 'in_channels', c, 'channel', wired, issues);
  const { kernel_size: k, stride: s, padding: p, dilation: d } = layer;
  const tooBig = windowFits(ctx, layer, k, p, d);
  if (tooBig) return { output: null, wired, issues: [...issues, tooBig] };
  return { output: [layer.out_channels, convOut(h, k, s, p, d), convOut(w, k, s, p, d)], wired, issues };
}

export function inferConvTranspose(ctx: StepContext, layer: ConvTranspose2dLayer): StepResult {
  const notImage = needImage(ctx, layer);
  if (notImage) return { output: null, wired: {}, issues: [notImage] };
  const issues: SpecIssue[] = [];
  const wired: Wired = {};
  const [c, h, w] = ctx.input;
  wire(ctx, layer, 'in_channels', c, 'channel', wired, issues);
  const { kernel_size: k, stride: s, padding: p, output_padding: op, dilation: d } = layer;
  const oh = convTransposeOut(h, k, s, p, op, d);
  const ow = convTransposeOut(w, k, s, p, op, d);
  if (oh <= 0 || ow <= 0) {
    const maxP = Math.floor(((Math.min(h, w) - 1) * s + d * (k - 1) + op) / 2);
    const message = `${layerName(ctx.index, layer)}: padding ${p} leaves no output from the ${formatShape([h, w])} input (size ${Math.min(oh, ow)}): reduce padding to ≤ ${maxP}`;
    return {
      output: null,
      wired,
      issues: [...issues, layerIssue(ctx.index, layer, 'error', message, setFix(layer, 'padding', maxP))],
    };
  }
  return { output: [layer.out_channels, oh, ow], wired, issues };
}

export function inferPool(ctx: StepContext, layer: MaxPool2dLayer | AvgPool2dLayer): StepResult {
  const notImage = needImage(ctx, layer);
  if (notImage) return { output: null, wired: {}, issues: [notImage] };
  const [c, h, w] = ctx.input;
  const { kernel_size: k, stride: s, padding: p, ceil_mode: ceil } = layer;
  const d = layer.kind === 'MaxPool2d' ? layer.dilation : 1;
  const tooBig = windowFits(ctx, layer, k, p, d);
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
    const message = `${layerName(ctx.index, layer)}: with dilation ${d} and padding ${p}, a window of an output ${empty.axis} falls entirely in the padding of the ${formatShape([h, w])} input: set dilation = 1`;
    return {
      output: null,
      wired: {},
      issues: [layerIssue(ctx.index, layer, 'error', message, setFix(layer, 'dilation', 1))],
    };
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

export function inferBatchNorm(ctx: StepContext, layer: BatchNorm2dLayer): StepResult {
  if (ctx.input.length !== 3) {
    const message = `${layerName(ctx.index, layer)}: BatchNorm2d normalises the channels of an image but gets ${describeShape(ctx.input)}: remove it or move it before the Flatten`;
    return {
      output: [...ctx.input],
      wired: {},
      issues: [layerIssue(ctx.index, layer, 'error', message, removeFix(layer))],
    };
  }
  const issues: SpecIssue[] = [];
  const wired: Wired = {};
  wire(ctx, layer, 'num_features', ctx.input[0], 'channel', wired, issues);
  return { output: [...ctx.input], wired, issues };
}
