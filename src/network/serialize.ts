// Versioned JSON for specs and hyperparameters: stable key order on the way out, strict checks on the
// way in. parseSpec(serializeSpec(s)) gives back s exactly, and serializing that gives the same text.
import { tr } from '../i18n';
import { NETWORK_INPUT } from '../layers/core/graph';
import { SCENE_KEYS, type SceneSettings } from './dense';
import { HyperparamsSchema, type Hyperparams } from './hyper';
import { canonicalAugment } from './augment';
import { parseJsonSafely, type JsonLimits, DEFAULT_JSON_LIMITS, type Parsed } from './safe-json';
import { validateSpecValue } from './schema';
import { readWith } from './schema-kit';
import type { Layer, NetworkSpec } from './spec';
import { SPEC_VERSION, paramNames } from './spec';

/** A plain object with keys in canonical order (what serializeSpec and share links write). */
export function canonicalSpec(spec: NetworkSpec): NetworkSpec {
  const out: NetworkSpec = {
    version: SPEC_VERSION,
    name: spec.name,
    task: spec.task,
    input: canonicalInput(spec.input),
    ...(spec.latentDim !== undefined ? { latentDim: spec.latentDim } : {}),
    ...(spec.scene !== undefined ? { scene: canonicalScene(spec.scene) } : {}),
    autoWire: spec.autoWire,
    layers: spec.layers.map(canonicalLayer),
  };
  const layout = canonicalLayout(spec);
  if (layout) out.layout = layout;
  return out;
}

/** The positions of the nodes the design has (the input first, then layer order); undefined when none. */
function canonicalLayout(spec: NetworkSpec): NetworkSpec['layout'] {
  if (!spec.layout) return undefined;
  const out: NonNullable<NetworkSpec['layout']> = {};
  for (const id of [NETWORK_INPUT, ...spec.layers.map((l) => l.id)]) {
    const p = spec.layout[id];
    if (p) out[id] = { x: p.x, y: p.y };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function canonicalScene(scene: SceneSettings): SceneSettings {
  return Object.fromEntries(SCENE_KEYS.map((k) => [k, scene[k]])) as unknown as SceneSettings;
}

function canonicalInput(input: NetworkSpec['input']): NetworkSpec['input'] {
  const shape = [...input.shape] as NetworkSpec['input']['shape'];
  // A user dataset's class count and name follow the shape; built-ins have neither.
  return input.classes === undefined && input.name === undefined
    ? { dataset: input.dataset, shape }
    : { dataset: input.dataset, shape, classes: input.classes, name: input.name };
}

function canonicalLayer(layer: Layer): Layer {
  const values = layer as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = { kind: layer.kind, id: layer.id };
  if (layer.inputs !== undefined) out.inputs = [...layer.inputs];
  for (const param of paramNames(layer.kind)) {
    const v = values[param];
    out[param] = Array.isArray(v) ? [...v] : v;
  }
  return out as unknown as Layer;
}

export function serializeSpec(spec: NetworkSpec): string {
  return JSON.stringify(canonicalSpec(spec), null, 2);
}

export function parseSpec(
  text: string,
  limits: JsonLimits = DEFAULT_JSON_LIMITS,
): { ok: true; spec: NetworkSpec } | { ok: false; error: string } {
  const parsed = parseJsonSafely(text, tr('network:parse.theDesign'), limits);
  if (!parsed.ok) return parsed;
  const spec = validateSpecValue(parsed.value);
  return spec.ok
    ? { ok: true, spec: spec.value }
    : { ok: false, error: tr('network:parse.designInvalid', { error: spec.error }) };
}

const HYPER_ORDER: readonly (keyof Hyperparams)[] = [
  'optimizer',
  'lr',
  'momentum',
  'nesterov',
  'beta1',
  'beta2',
  'eps',
  'weightDecay',
  'labelSmoothing',
  'batchSize',
  'epochs',
  'seed',
  'loss',
  'backgroundWeight',
  'augment',
];

export function canonicalHyper(h: Hyperparams): Hyperparams {
  const out: Record<string, unknown> = {};
  for (const key of HYPER_ORDER) if (h[key] !== undefined) out[key] = h[key];
  if (h.augment) out.augment = canonicalAugment(h.augment);
  return out as unknown as Hyperparams;
}

export function serializeHyper(h: Hyperparams): string {
  return JSON.stringify(canonicalHyper(h), null, 2);
}

/** Check a parsed value as hyperparameters (HyperparamsSchema): known fields of the right types (missing
 *  ones default), in range. */
export function validateHyperValue(raw: unknown): Parsed<Hyperparams> {
  return readWith(HyperparamsSchema, raw);
}

export function parseHyper(
  text: string,
  limits: JsonLimits = DEFAULT_JSON_LIMITS,
): { ok: true; hyper: Hyperparams } | { ok: false; error: string } {
  const parsed = parseJsonSafely(text, tr('network:parse.theHyper'), limits);
  if (!parsed.ok) return parsed;
  const hyper = validateHyperValue(parsed.value);
  return hyper.ok
    ? { ok: true, hyper: hyper.value }
    : { ok: false, error: tr('network:parse.hyperInvalid', { error: hyper.error }) };
}
