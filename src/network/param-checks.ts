// Each parameter against its range (params.ts) plus the cross-parameter rules PyTorch enforces.
// A layer with an error here has no output shape; the analysis stops inferring shapes after it.
import type { SpecIssue } from './issues';
import { layerIssue, layerName, setFix } from './issue-helpers';
import { PARAM_RULES, inRange, type ParamRule } from './params';
import type { Layer } from './spec';
import { defaultLayer } from './spec';

function valueProblem(param: string, rule: ParamRule, value: unknown): string | null {
  switch (rule.type) {
    case 'bool':
      return typeof value === 'boolean' ? null : `${param} must be true or false`;
    case 'size3': {
      const ok =
        Array.isArray(value) &&
        value.length === 3 &&
        value.every((v, i) => Number.isInteger(v) && v >= 1 && v <= rule.max[i]);
      return ok
        ? null
        : `${param} must be three whole numbers [C, H, W], each at least 1 (C ≤ ${rule.max[0]}, H and W ≤ ${rule.max[1]})`;
    }
    case 'int':
    case 'real': {
      if (typeof value !== 'number' || !Number.isFinite(value))
        return `${param} must be a number (got ${String(value)})`;
      if (rule.type === 'int' && !Number.isInteger(value))
        return `${param} must be a whole number (got ${value})`;
      if (inRange(rule, value)) return null;
      const open = rule.type === 'real' ? rule : { minOpen: false, maxOpen: false };
      if (value > rule.max || (open.maxOpen && value === rule.max)) {
        return rule.type === 'int'
          ? `${param} ${value} is too large: at most ${rule.max}`
          : `${param} must be below ${open.maxOpen ? '' : 'or equal to '}${rule.max} (got ${value})`;
      }
      return open.minOpen
        ? `${param} must be above ${rule.min} (got ${value})`
        : `${param} must be at least ${rule.min} (got ${value})`;
    }
  }
}

const HINTS: Record<string, string> = {
  p: ': it is the chance of zeroing each value while training',
};

/** Range errors for every parameter, then PyTorch's cross-parameter rules. */
export function checkParams(layer: Layer, index: number): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const defaults = defaultLayer(layer.kind, layer.id) as unknown as Record<string, unknown>;
  const values = layer as unknown as Record<string, unknown>;
  for (const [param, rule] of Object.entries(PARAM_RULES[layer.kind])) {
    const problem = valueProblem(param, rule, values[param]);
    if (problem === null) continue;
    const fallback = defaults[param] as number | boolean | [number, number, number];
    const message = `${layerName(index, layer)}: ${problem}${HINTS[param] ?? ''}`;
    issues.push(layerIssue(index, layer, 'error', message, setFix(layer, param, fallback)));
  }
  if (issues.length > 0) return issues;

  if (layer.kind === 'MaxPool2d' || layer.kind === 'AvgPool2d') {
    // PyTorch: "pad should be at most half of kernel size" (1.x counts the undilated kernel; the stricter rule).
    const limit = Math.floor(layer.kernel_size / 2);
    if (layer.padding > limit) {
      const message = `${layerName(index, layer)}: padding ${layer.padding} is more than half of kernel_size ${layer.kernel_size}: PyTorch allows at most ${limit}`;
      issues.push(layerIssue(index, layer, 'error', message, setFix(layer, 'padding', limit)));
    }
  }
  if (layer.kind === 'ConvTranspose2d') {
    const bound = Math.max(layer.stride, layer.dilation);
    if (layer.output_padding >= bound) {
      const message = `${layerName(index, layer)}: output_padding ${layer.output_padding} must be smaller than stride (${layer.stride}) or dilation (${layer.dilation}): set output_padding ≤ ${bound - 1}`;
      issues.push(layerIssue(index, layer, 'error', message, setFix(layer, 'output_padding', bound - 1)));
    }
  }
  return issues;
}
