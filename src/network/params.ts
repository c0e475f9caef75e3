// The range each layer parameter may take: one table read by the analysis (which explains a bad value)
// and by the parser (which refuses absurd magnitudes such as out_channels 10^9 before anything is built).
import type { LayerKind } from './spec';

export const SPEC_LIMITS = {
  maxLayers: 64,
  maxChannels: 4096,
  maxFeatures: 1 << 20,
  maxKernel: 64,
  maxStride: 64,
  maxPadding: 64,
  maxDilation: 64,
  maxSpatial: 1024,
  maxLatentDim: 1024,
  maxNameLength: 100,
  maxIdLength: 64,
} as const;

/** Integers in [min, max]; reals in [min, max] with optional open ends; booleans; a [C, H, W] size. */
export type ParamRule =
  | { type: 'int'; min: number; max: number }
  | { type: 'real'; min: number; max: number; minOpen?: boolean; maxOpen?: boolean }
  | { type: 'bool' }
  | { type: 'size3'; max: [number, number, number] };

const L = SPEC_LIMITS;
const channels: ParamRule = { type: 'int', min: 1, max: L.maxChannels };
const features: ParamRule = { type: 'int', min: 1, max: L.maxFeatures };
const kernel: ParamRule = { type: 'int', min: 1, max: L.maxKernel };
const stride: ParamRule = { type: 'int', min: 1, max: L.maxStride };
const padding: ParamRule = { type: 'int', min: 0, max: L.maxPadding };
const dilation: ParamRule = { type: 'int', min: 1, max: L.maxDilation };
const bool: ParamRule = { type: 'bool' };

export const PARAM_RULES: { [K in LayerKind]: Record<string, ParamRule> } = {
  Conv2d: {
    in_channels: channels,
    out_channels: channels,
    kernel_size: kernel,
    stride,
    padding,
    dilation,
    bias: bool,
  },
  ConvTranspose2d: {
    in_channels: channels,
    out_channels: channels,
    kernel_size: kernel,
    stride,
    padding,
    output_padding: padding,
    dilation,
    bias: bool,
  },
  MaxPool2d: { kernel_size: kernel, stride, padding, dilation, ceil_mode: bool },
  AvgPool2d: { kernel_size: kernel, stride, padding, ceil_mode: bool, count_include_pad: bool },
  Linear: { in_features: features, out_features: features, bias: bool },
  Flatten: {},
  Unflatten: { unflattened_size: { type: 'size3', max: [L.maxChannels, L.maxSpatial, L.maxSpatial] } },
  ReLU: {},
  LeakyReLU: { negative_slope: { type: 'real', min: -1000, max: 1000 } },
  Sigmoid: {},
  Tanh: {},
  BatchNorm2d: {
    num_features: channels,
    eps: { type: 'real', min: 0, max: 1, minOpen: true },
    momentum: { type: 'real', min: 0, max: 1 },
  },
  Dropout: { p: { type: 'real', min: 0, max: 1, maxOpen: true } },
};

/** Plain-language statement of a rule, e.g. "a whole number from 1 to 4096". */
export function describeRule(rule: ParamRule): string {
  switch (rule.type) {
    case 'int':
      return `a whole number from ${rule.min} to ${rule.max}`;
    case 'real':
      return `a number from ${rule.min}${rule.minOpen ? ' (exclusive)' : ''} to ${rule.max}${rule.maxOpen ? ' (exclusive)' : ''}`;
    case 'bool':
      return 'true or false';
    case 'size3':
      return `three whole numbers [C, H, W], each at least 1 (C ≤ ${rule.max[0]}, H and W ≤ ${rule.max[1]})`;
  }
}

/** Whether a numeric value satisfies an int/real rule. */
export function inRange(rule: ParamRule, v: number): boolean {
  if (rule.type === 'int') return Number.isInteger(v) && v >= rule.min && v <= rule.max;
  if (rule.type === 'real') {
    if (!Number.isFinite(v)) return false;
    const lo = rule.minOpen ? v > rule.min : v >= rule.min;
    const hi = rule.maxOpen ? v < rule.max : v <= rule.max;
    return lo && hi;
  }
  return false;
}
