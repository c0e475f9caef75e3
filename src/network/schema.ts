// Strict schema for specs from outside: every field typed and bounded, unknown fields and kinds refused,
// and a fresh object built from what was checked (nothing from the input is kept by reference).
// Semantics (shapes, tasks) stay with analyzeSpec, so a loaded design can show its own errors.
import { definitionOf, type ParamRule } from '../layers';
import { NETWORK_INPUT } from '../layers/core/graph';
import { SPEC_LIMITS } from './params';
import type { Parsed } from './safe-json';
import type { DatasetId, Layer, LayerKind, NetworkSpec, NodePosition, Task } from './spec';
import { LAYER_KINDS, SPEC_VERSION, defaultLayer, isLayerKind } from './spec';

class SchemaError extends Error {}

const fail = (message: string): never => {
  throw new SchemaError(message);
};

type Obj = Record<string, unknown>;

export function isObject(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const kindOf = (v: unknown) =>
  v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : typeof v;

export function expectKeys(obj: Obj, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) fail(`${where} has an unknown field "${key.slice(0, 40)}"`);
  }
}

/** Magnitudes the parser accepts: the table's upper bound both ways; the analysis explains finer limits. */
function readParam(value: unknown, rule: ParamRule, what: string): number | boolean | string | number[] {
  switch (rule.type) {
    case 'bool':
      return typeof value === 'boolean' ? value : fail(`${what} must be true or false, not ${kindOf(value)}`);
    case 'choice':
      return typeof value === 'string' && rule.options.includes(value)
        ? value
        : fail(`${what} must be one of ${rule.options.map((o) => `'${o}'`).join(', ')}`);
    case 'size': {
      const n = rule.dims.length;
      if (!Array.isArray(value) || value.length !== n)
        return fail(
          `${what} must be a list of ${n === 3 ? 'three' : n} whole numbers [${rule.dims.join(', ')}]`,
        );
      return value.map((v, i) => readInt(v, rule.max[i], `${what}[${i}]`));
    }
    case 'int':
      return readInt(value, rule.max, what);
    case 'real': {
      if (typeof value !== 'number') return fail(`${what} must be a number, not ${kindOf(value)}`);
      if (!Number.isFinite(value) || Math.abs(value) > 1e6)
        return fail(`${what} must be a finite number of reasonable size`);
      return value;
    }
  }
}

function readInt(value: unknown, max: number, what: string): number {
  if (typeof value !== 'number') return fail(`${what} must be a number, not ${kindOf(value)}`);
  if (!Number.isFinite(value)) return fail(`${what} must be a finite number`);
  if (!Number.isInteger(value)) return fail(`${what} must be a whole number (got ${value})`);
  if (value > max) return fail(`${what} ${value} is too large: at most ${max}`);
  if (value < -max) return fail(`${what} ${value} is out of range`);
  return value;
}

/** Ids of the layers a layer reads: 1 to maxInputs names, each an id of at most maxIdLength characters. */
function readInputs(value: unknown, where: string): string[] {
  if (!Array.isArray(value))
    return fail(`${where}: inputs must be a list of layer ids, not ${kindOf(value)}`);
  if (value.length === 0 || value.length > SPEC_LIMITS.maxInputs)
    return fail(`${where}: inputs must name 1 to ${SPEC_LIMITS.maxInputs} layers`);
  return value.map((id) =>
    typeof id === 'string' && id.length > 0 && id.length <= SPEC_LIMITS.maxIdLength
      ? id
      : fail(`${where}: each input must be a layer id of 1 to ${SPEC_LIMITS.maxIdLength} characters`),
  );
}

function readLayer(raw: unknown, index: number, taken: Set<string>, version: number): Layer {
  const where = `layer ${index + 1}`;
  if (!isObject(raw)) return fail(`${where} must be an object, not ${kindOf(raw)}`);
  const kind = raw.kind;
  if (!isLayerKind(kind)) {
    return fail(
      `${where} has an unknown kind ${JSON.stringify(String(kind).slice(0, 40))}; known kinds: ${LAYER_KINDS.join(', ')}`,
    );
  }
  const k: LayerKind = kind;
  const definition = definitionOf(k);
  const params = Object.keys(definition.params);
  // Version 1 designs were chains: no layer named its inputs.
  expectKeys(raw, ['kind', 'id', ...(version >= 2 ? ['inputs'] : []), ...params], `${where} (${k})`);
  let id = raw.id;
  // 'input' names the network's own input from version 2 on; an older layer of that name is renamed.
  if (id === NETWORK_INPUT && version < 2) id = undefined;
  if (id === undefined) {
    // Hand-written files may leave ids out; derive one that is stable and unique.
    id = `${k.toLowerCase()}${index + 1}`;
    for (let n = 2; taken.has(id as string); n++) id = `${k.toLowerCase()}${index + 1}-${n}`;
  }
  if (typeof id !== 'string' || id.length === 0 || id.length > SPEC_LIMITS.maxIdLength) {
    return fail(`${where} (${k}) needs an id of 1 to ${SPEC_LIMITS.maxIdLength} characters`);
  }
  if (id === NETWORK_INPUT) return fail(`${where} (${k}): the id "input" names the network's input`);
  if (taken.has(id)) return fail(`${where} (${k}) repeats the id "${id}" of an earlier layer`);
  taken.add(id);
  const layer: Record<string, unknown> = { kind: k, id };
  if (raw.inputs !== undefined) layer.inputs = readInputs(raw.inputs, `${where} (${k})`);
  const defaults = defaultLayer(k, id) as unknown as Obj;
  for (const param of params) {
    const value = raw[param];
    const spec = definition.params[param];
    if (value === undefined) {
      if (spec.required) fail(`${where} (${k}) is missing ${param}`);
      // e.g. PyTorch's stride=None for pooling means stride = kernel_size.
      layer[param] = spec.defaultFrom !== undefined ? layer[spec.defaultFrom] : defaults[param];
    } else {
      layer[param] = readParam(value, spec.rule, `${where} (${k}): ${param}`);
    }
  }
  return layer as unknown as Layer;
}

/** Largest |coordinate| of a diagram position: far beyond any screen, small enough to stay exact. */
export const MAX_LAYOUT_COORDINATE = 1_000_000;

/** The diagram positions: an object from layer ids (or 'input') of this design to {x, y}. */
function readLayout(raw: unknown, ids: ReadonlySet<string>): Record<string, NodePosition> {
  if (!isObject(raw)) return fail(`layout must be an object of positions by layer id, not ${kindOf(raw)}`);
  const layout: Record<string, NodePosition> = {};
  for (const [id, value] of Object.entries(raw)) {
    const where = `layout of "${id.slice(0, 40)}"`;
    // Keys come from JSON.parse; one named like Object's prototype would not make an own property here.
    if (id === '__proto__' || (id !== NETWORK_INPUT && !ids.has(id)))
      fail(`layout names "${id.slice(0, 40)}", which is no layer of this design`);
    if (!isObject(value)) return fail(`${where} must be an object {x, y}, not ${kindOf(value)}`);
    expectKeys(value, ['x', 'y'], where);
    const coordinate = (v: unknown, axis: string) =>
      typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= MAX_LAYOUT_COORDINATE
        ? v
        : fail(
            `${where}: ${axis} must be a number from -${MAX_LAYOUT_COORDINATE} to ${MAX_LAYOUT_COORDINATE}`,
          );
    layout[id] = { x: coordinate(value.x, 'x'), y: coordinate(value.y, 'y') };
  }
  return layout;
}

const DATASETS: readonly DatasetId[] = ['mnist', 'fashion-mnist'];
const TASKS: readonly Task[] = ['classification', 'reconstruction', 'generator', 'discriminator'];

function readInput(raw: unknown, task: Task, latentDim: number | undefined): NetworkSpec['input'] {
  if (!isObject(raw)) return fail(`input must be an object, not ${kindOf(raw)}`);
  expectKeys(raw, ['dataset', 'shape'], 'input');
  if (!DATASETS.includes(raw.dataset as DatasetId))
    return fail(`input.dataset must be one of ${DATASETS.join(', ')}`);
  const shape = raw.shape;
  const is = (want: readonly number[]) =>
    Array.isArray(shape) && shape.length === want.length && shape.every((v, i) => v === want[i]);
  if (task === 'generator') {
    if (latentDim === undefined)
      return fail('a generator spec needs latentDim (the length of its noise vector)');
    if (!is([latentDim]))
      return fail(`input.shape must be [${latentDim}] (the noise vector, latentDim values)`);
    return { dataset: raw.dataset as DatasetId, shape: [latentDim] };
  }
  if (latentDim !== undefined) return fail(`only a generator has latentDim; this is a ${task} spec`);
  if (!is([1, 28, 28])) return fail('input.shape must be [1, 28, 28]');
  return { dataset: raw.dataset as DatasetId, shape: [1, 28, 28] };
}

/** Check an already-parsed value against the spec schema and build a clean NetworkSpec. */
export function validateSpecValue(raw: unknown): Parsed<NetworkSpec> {
  try {
    if (!isObject(raw)) return fail(`a spec must be an object, not ${kindOf(raw)}`);
    expectKeys(
      raw,
      ['version', 'name', 'task', 'input', 'latentDim', 'autoWire', 'layers', 'layout'],
      'the spec',
    );
    // Version 1 (chains of layers) opens unchanged as version 2.
    if (raw.version !== 1 && raw.version !== SPEC_VERSION) {
      return fail(
        typeof raw.version === 'number' && raw.version > SPEC_VERSION
          ? `this spec has version ${raw.version}; this app reads versions 1 and ${SPEC_VERSION}: update the app`
          : `the spec needs "version": ${SPEC_VERSION}`,
      );
    }
    const version = raw.version;
    const name = raw.name ?? 'Untitled';
    if (typeof name !== 'string' || name.length > SPEC_LIMITS.maxNameLength)
      fail(`name must be text of at most ${SPEC_LIMITS.maxNameLength} characters`);
    if (!TASKS.includes(raw.task as Task)) fail(`task must be one of ${TASKS.join(', ')}`);
    const task = raw.task as Task;
    const latentDim =
      raw.latentDim === undefined ? undefined : readInt(raw.latentDim, SPEC_LIMITS.maxLatentDim, 'latentDim');
    if (latentDim !== undefined && latentDim < 1) fail('latentDim must be at least 1');
    const input = readInput(raw.input, task, latentDim);
    const autoWire = raw.autoWire ?? true;
    if (typeof autoWire !== 'boolean') fail('autoWire must be true or false');
    if (!Array.isArray(raw.layers)) return fail(`layers must be a list, not ${kindOf(raw.layers)}`);
    if (raw.layers.length > SPEC_LIMITS.maxLayers)
      fail(`the spec has ${raw.layers.length} layers; the limit is ${SPEC_LIMITS.maxLayers}`);
    const taken = new Set<string>();
    const layers = raw.layers.map((l, i) => readLayer(l, i, taken, version));
    const spec: NetworkSpec = {
      version: SPEC_VERSION,
      name: name as string,
      task,
      input,
      autoWire: autoWire as boolean,
      layers,
    };
    if (latentDim !== undefined) spec.latentDim = latentDim;
    if (raw.layout !== undefined) {
      const layout = readLayout(raw.layout, taken);
      // An empty layout says nothing: the design is auto-laid out, as without one.
      if (Object.keys(layout).length > 0) spec.layout = layout;
    }
    return { ok: true, value: spec };
  } catch (e) {
    if (e instanceof SchemaError) return { ok: false, error: e.message };
    throw e;
  }
}
