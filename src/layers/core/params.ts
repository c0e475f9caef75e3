// The range each layer parameter may take: read by the analysis (which explains a bad value) and by the
// parser (which refuses absurd magnitudes such as out_channels 10^9 before anything is built).

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

const COUNT_WORDS = ['no', 'one', 'two', 'three', 'four'];

/** Plain-language statement of a rule, e.g. "a whole number from 1 to 4096". */
export function describeRule(rule: ParamRule): string {
  switch (rule.type) {
    case 'int':
      return `a whole number from ${rule.min} to ${rule.max}`;
    case 'real':
      return `a number from ${rule.min}${rule.minOpen ? ' (exclusive)' : ''} to ${rule.max}${rule.maxOpen ? ' (exclusive)' : ''}`;
    case 'bool':
      return 'true or false';
    case 'choice':
      return `one of ${rule.options.map((o) => `'${o}'`).join(', ')}`;
    case 'size':
      return `${COUNT_WORDS[rule.dims.length] ?? rule.dims.length} whole numbers [${rule.dims.join(', ')}], each at least 1 (${sizeLimits(rule)})`;
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
  return groups.map((g) => `${g.names.join(' and ')} ≤ ${g.max}`).join(', ');
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
      return typeof value === 'boolean' ? null : `${param} must be true or false`;
    case 'choice':
      return typeof value === 'string' && rule.options.includes(value)
        ? null
        : `${param} must be ${describeRule(rule)}`;
    case 'size': {
      const ok =
        Array.isArray(value) &&
        value.length === rule.dims.length &&
        value.every((v, i) => Number.isInteger(v) && v >= 1 && v <= rule.max[i]);
      return ok ? null : `${param} must be ${describeRule(rule)}`;
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
