// Shape rules for dense and reshaping layers, and the dispatcher over every kind.
import type { SpecIssue } from './issues';
import {
  fixLayer,
  guessImageShape,
  insertFix,
  layerIssue,
  layerName,
  removeFix,
  setFix,
  shapeSource,
} from './issue-helpers';
import { SPEC_LIMITS } from './params';
import type { Layer, LinearLayer, UnflattenLayer } from './spec';
import { formatShape } from './spec';
import { type StepContext, type StepResult, type Wired } from './shape-context';
import { inferBatchNorm, inferConv, inferConvTranspose, inferPool, wire } from './spatial-shapes';

function inferLinear(ctx: StepContext, layer: LinearLayer): StepResult {
  if (ctx.input.length !== 1) {
    // The output size is still known, so later layers are checked as if the Flatten were there.
    const message = `Linear expects a flat input: insert Flatten before layer ${ctx.index + 1}`;
    const fix = insertFix(ctx.index, fixLayer(ctx.spec, 'Flatten', ctx.index));
    return {
      output: [layer.out_features],
      wired: {},
      issues: [layerIssue(ctx.index, layer, 'error', message, fix)],
    };
  }
  const issues: SpecIssue[] = [];
  const wired: Wired = {};
  // A wired in_features is never range-checked as a parameter, so a huge flattened image is caught here.
  if (ctx.input[0] > SPEC_LIMITS.maxFeatures) {
    const n = (v: number) => v.toLocaleString('en-US');
    const message = `${layerName(ctx.index, layer)}: its input has ${n(ctx.input[0])} values, more than the ${n(SPEC_LIMITS.maxFeatures)} in_features allows: shrink the image before the Flatten (add MaxPool2d or use a stride)`;
    issues.push(layerIssue(ctx.index, layer, 'error', message));
    // Still counted at its true size, so the memory guard's numbers stay right.
    if (ctx.spec.autoWire) wired.in_features = ctx.input[0];
  } else wire(ctx, layer, 'in_features', ctx.input[0], 'value', wired, issues);
  return { output: [layer.out_features], wired, issues };
}

function inferFlatten(ctx: StepContext, layer: Layer): StepResult {
  if (ctx.input.length === 3)
    return { output: [ctx.input[0] * ctx.input[1] * ctx.input[2]], wired: {}, issues: [] };
  const why = ctx.lastFlatten
    ? `the input was already flattened by layer ${ctx.lastFlatten.index + 1}, so this second Flatten does nothing`
    : `the input is already flat (${ctx.input[0]} values), so this Flatten does nothing`;
  const message = `${layerName(ctx.index, layer)}: ${why}: remove it`;
  return {
    output: [...ctx.input],
    wired: {},
    issues: [layerIssue(ctx.index, layer, 'warning', message, removeFix(layer))],
  };
}

function inferUnflatten(ctx: StepContext, layer: UnflattenLayer): StepResult {
  const size = layer.unflattened_size;
  const output = [...size];
  if (ctx.input.length !== 1) {
    const message = `Unflatten expects a flat input: insert Flatten before layer ${ctx.index + 1}`;
    const fix = insertFix(ctx.index, fixLayer(ctx.spec, 'Flatten', ctx.index));
    return { output, wired: {}, issues: [layerIssue(ctx.index, layer, 'error', message, fix)] };
  }
  const n = ctx.input[0];
  const holds = size[0] * size[1] * size[2];
  if (holds === n) return { output, wired: {}, issues: [] };
  const head = `${layerName(ctx.index, layer)}: unflattened_size ${formatShape(size)} holds ${holds} values but the input has ${n}`;
  const source = shapeSource(ctx.spec, ctx.index);
  if (source && source.layer.kind === 'Linear') {
    const message = `${head}: set out_features = ${holds} on layer ${source.index + 1}`;
    return {
      output,
      wired: {},
      issues: [layerIssue(ctx.index, layer, 'error', message, setFix(source.layer, 'out_features', holds))],
    };
  }
  const guess = guessImageShape(n, ctx.lastFlatten?.shape ?? null);
  if (!guess)
    return {
      output,
      wired: {},
      issues: [layerIssue(ctx.index, layer, 'error', `${head}: change unflattened_size so C×H×W = ${n}`)],
    };
  const message = `${head}: set unflattened_size = [${guess.join(', ')}]`;
  return {
    output,
    wired: {},
    issues: [layerIssue(ctx.index, layer, 'error', message, setFix(layer, 'unflattened_size', guess))],
  };
}

/** One layer's output shape, wired parameters and shape issues, given a known input shape. */
export function inferLayer(ctx: StepContext, layer: Layer): StepResult {
  const result = inferKind(ctx, layer);
  const out = result.output;
  // Stacked upsampling can grow images without bound; stop before sizes lose meaning.
  if (out && out.length === 3 && Math.max(out[1], out[2]) > SPEC_LIMITS.maxSpatial) {
    const message = `${layerName(ctx.index, layer)}: the output would be ${formatShape(out.slice(1))} pixels; the limit is ${SPEC_LIMITS.maxSpatial}×${SPEC_LIMITS.maxSpatial}: reduce stride, kernel_size or padding`;
    return {
      ...result,
      output: null,
      issues: [...result.issues, layerIssue(ctx.index, layer, 'error', message)],
    };
  }
  return result;
}

function inferKind(ctx: StepContext, layer: Layer): StepResult {
  switch (layer.kind) {
    case 'Conv2d':
      return inferConv(ctx, layer);
    case 'ConvTranspose2d':
      return inferConvTranspose(ctx, layer);
    case 'MaxPool2d':
    case 'AvgPool2d':
      return inferPool(ctx, layer);
    case 'BatchNorm2d':
      return inferBatchNorm(ctx, layer);
    case 'Linear':
      return inferLinear(ctx, layer);
    case 'Flatten':
      return inferFlatten(ctx, layer);
    case 'Unflatten':
      return inferUnflatten(ctx, layer);
    case 'ReLU':
    case 'LeakyReLU':
    case 'Sigmoid':
    case 'Tanh':
    case 'Dropout':
      return { output: [...ctx.input], wired: {}, issues: [] };
  }
}
