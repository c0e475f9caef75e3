// The range each layer parameter may take: read by the analysis (which explains a bad value) and by the
// parser (which refuses absurd magnitudes such as out_channels 10^9 before anything is built).
import { tr } from '../../i18n';

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
  maxInputs: 8,
  maxScale: 8,
} as const;

/** Integers in [min, max]; reals in [min, max] with optional open ends; booleans; one of some words; a
 *  list of whole numbers such as [C, H, W]. */
export type ParamRule =
  | { type: 'int'; min: number; max: number }
  | { type: 'real'; min: number; max: number; minOpen?: boolean; maxOpen?: boolean }
  | { type: 'bool' }
  | { type: 'choice'; options: readonly string[] }
  | { type: 'size'; dims: readonly string[]; max: readonly number[] };

const L = SPEC_LIMITS;

/** Rules several kinds share. */
export const RULES = {
  channels: { type: 'int', min: 1, max: L.maxChannels },
  features: { type: 'int', min: 1, max: L.maxFeatures },
  kernel: { type: 'int', min: 1, max: L.maxKernel },
  stride: { type: 'int', min: 1, max: L.maxStride },
  padding: { type: 'int', min: 0, max: L.maxPadding },
  dilation: { type: 'int', min: 1, max: L.maxDilation },
  bool: { type: 'bool' },
  eps: { type: 'real', min: 0, max: 1, minOpen: true },
  momentum: { type: 'real', min: 0, max: 1 },
  image: { type: 'size', dims: ['C', 'H', 'W'], max: [L.maxChannels, L.maxSpatial, L.maxSpatial] },
} as const satisfies Record<string, ParamRule>;

/** Plain-language statement of a rule, e.g. "a whole number from 1 to 4096". */
export function describeRule(rule: ParamRule): string {
  switch (rule.type) {
    case 'int':
      return tr('shapes:rule.int', { min: rule.min, max: rule.max });
    case 'real': {
      const exclusive = (open?: boolean) => (open ? tr('shapes:rule.exclusive') : '');
      return tr('shapes:rule.real', {
        min: rule.min,
        minOpen: exclusive(rule.minOpen),
        max: rule.max,
        maxOpen: exclusive(rule.maxOpen),
      });
    }
    case 'bool':
      return tr('shapes:rule.bool');
    case 'choice':
      return tr('shapes:rule.choice', { options: rule.options.map((o) => `'${o}'`).join(', ') });
    case 'size':
      return tr('shapes:rule.size', {
        howMany: tr(`shapes:rule.counts.${rule.dims.length}`, { defaultValue: String(rule.dims.length) }),
        dims: rule.dims.join(', '),
        limits: sizeLimits(rule),
      });
  }
}

/** "C ≤ 4096, H and W ≤ 1024": dimensions that share a limit are named together. */
function sizeLimits(rule: Extract<ParamRule, { type: 'size' }>): string {
  const groups: { names: string[]; max: number }[] = [];
  rule.dims.forEach((name, i) => {
    const same = groups.find((g) => g.max === rule.max[i]);
    if (same) same.names.push(name);
    else groups.push({ names: [name], max: rule.max[i] });
  });
  return groups
    .map((g) => tr('shapes:rule.sizeLimit', { names: g.names.join(tr('shapes:rule.and')), max: g.max }))
    .join(', ');
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

/** Why a value breaks its rule, in words ("kernel_size 99 is too large: at most 64"), or null. */
export function valueProblem(param: string, rule: ParamRule, value: unknown): string | null {
  switch (rule.type) {
    case 'bool':
      return typeof value === 'boolean' ? null : tr('shapes:value.bool', { param });
    case 'choice':
      return typeof value === 'string' && rule.options.includes(value)
        ? null
        : tr('shapes:value.must', { param, rule: describeRule(rule) });
    case 'size': {
      const ok =
        Array.isArray(value) &&
        value.length === rule.dims.length &&
        value.every((v, i) => Number.isInteger(v) && v >= 1 && v <= rule.max[i]);
      return ok ? null : tr('shapes:value.must', { param, rule: describeRule(rule) });
    }
    case 'int':
    case 'real': {
      if (typeof value !== 'number' || !Number.isFinite(value))
        return tr('shapes:value.number', { param, value: String(value) });
      if (rule.type === 'int' && !Number.isInteger(value)) return tr('shapes:value.whole', { param, value });
      if (inRange(rule, value)) return null;
      const open = rule.type === 'real' ? rule : { minOpen: false, maxOpen: false };
      if (value > rule.max || (open.maxOpen && value === rule.max)) {
        return rule.type === 'int'
          ? tr('shapes:value.tooLarge', { param, value, max: rule.max })
          : tr(open.maxOpen ? 'shapes:value.below' : 'shapes:value.belowOrEqual', {
              param,
              value,
              max: rule.max,
            });
      }
      return open.minOpen
        ? tr('shapes:value.above', { param, value, min: rule.min })
        : tr('shapes:value.atLeast', { param, value, min: rule.min });
    }
  }
}
