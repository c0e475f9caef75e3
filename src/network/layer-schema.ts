// The layers of a design as valibot schemas: each layer kind's fields built from the parameter table of its
// definition, so a kind's parameters are described once, in src/layers; missing ones take PyTorch's
// defaults. Magnitudes are bounded here; semantics stay with analyzeSpec.
import * as v from 'valibot';
import { tr } from '../i18n';
import {
  LAYER_KINDS,
  SPEC_LIMITS,
  defaultLayer,
  definitionOf,
  isLayerKind,
  type Layer,
  type LayerKind,
  type ParamRule,
} from '../layers';
import { NETWORK_INPUT } from '../layers/core/graph';
import { anyNumber, fields, isObject, kindOf, readWith, wholeNumber, type Obj } from './schema-kit';

type ParamValue = boolean | string | number | number[];

/** A parameter's value by its rule; the table's upper bound both ways (the analysis explains finer limits). */
function paramSchema(rule: ParamRule, what: string): v.GenericSchema<unknown, ParamValue> {
  switch (rule.type) {
    case 'bool':
      return v.custom<boolean>(
        (input) => typeof input === 'boolean',
        (issue) => tr('network:schema.bool', { what, kind: kindOf(issue.input) }),
      );
    case 'choice':
      return v.custom<string>(
        (input) => typeof input === 'string' && rule.options.includes(input),
        () => tr('network:schema.choice', { what, options: rule.options.map((o) => `'${o}'`).join(', ') }),
      );
    case 'size': {
      const n = rule.dims.length;
      return v.pipe(
        v.custom<unknown[]>(
          (input) => Array.isArray(input) && input.length === n,
          () =>
            tr('network:schema.size', {
              what,
              n: n === 3 ? tr('network:schema.three') : n,
              dims: rule.dims.join(', '),
            }),
        ),
        v.tuple(rule.max.map((max, i) => wholeNumber(max, `${what}[${i}]`))),
      ) as v.GenericSchema<unknown, number[]>;
    }
    case 'int':
      return wholeNumber(rule.max, what);
    case 'real':
      return v.pipe(
        anyNumber(what),
        v.check(
          (input) => Number.isFinite(input) && Math.abs(input) <= 1e6,
          () => tr('network:schema.reasonable', { what }),
        ),
      );
  }
}

/** Ids of the layers a layer reads: 1 to maxInputs names, each of at most maxIdLength characters. */
const inputsSchema = (where: string) =>
  v.pipe(
    v.custom<unknown[]>(Array.isArray, (issue) =>
      tr('network:schema.inputsList', { where, kind: kindOf(issue.input) }),
    ),
    v.check(
      (ids) => ids.length > 0 && ids.length <= SPEC_LIMITS.maxInputs,
      () => tr('network:schema.inputsCount', { where, max: SPEC_LIMITS.maxInputs }),
    ),
    v.array(
      v.custom<string>(
        (id) => typeof id === 'string' && id.length > 0 && id.length <= SPEC_LIMITS.maxIdLength,
        () => tr('network:schema.inputId', { where, max: SPEC_LIMITS.maxIdLength }),
      ),
    ),
  );

/**
 * Layer `index` of kind `kind`: its id (derived where a hand-written file leaves it out, and unique among
 * `taken`), its inputs (from version 2), and its parameters, missing ones taking PyTorch's defaults.
 */
function layerSchema(kind: LayerKind, index: number, taken: Set<string>, version: number) {
  const where = tr('shapes:name.layer', { n: index + 1, kind });
  const definition = definitionOf(kind);
  const params = Object.entries(definition.params);
  // A default (one that gives undefined) makes the object run this for a missing id too, to derive one.
  const id = v.pipe(
    v.optional(v.unknown(), () => undefined),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      let value = dataset.value;
      // 'input' names the network's own input from version 2 on; an older layer of that name is renamed.
      if (value === NETWORK_INPUT && version < 2) value = undefined;
      if (value === undefined) {
        value = `${kind.toLowerCase()}${index + 1}`;
        for (let n = 2; taken.has(value as string); n++) value = `${kind.toLowerCase()}${index + 1}-${n}`;
      }
      const problem =
        typeof value !== 'string' || value.length === 0 || value.length > SPEC_LIMITS.maxIdLength
          ? tr('network:schema.needsId', { where, max: SPEC_LIMITS.maxIdLength })
          : value === NETWORK_INPUT
            ? tr('network:schema.idIsInput', { where })
            : taken.has(value)
              ? tr('network:schema.repeatsId', { where, id: value })
              : null;
      if (problem) {
        addIssue({ message: problem });
        return NEVER;
      }
      taken.add(value as string);
      return value as string;
    }),
  );
  const entries: v.ObjectEntries = {
    kind: v.literal(kind),
    id,
    // Version 1 designs were chains: no layer named its inputs.
    ...(version >= 2 ? { inputs: v.optional(inputsSchema(where)) } : {}),
    ...Object.fromEntries(
      params.map(([name, p]) => [
        name,
        v.optional(paramSchema(p.rule, tr('network:schema.param', { where, name }))),
      ]),
    ),
  };
  return v.pipe(
    fields(entries, where, (input) => tr('network:schema.mustBeObject', { where, kind: kindOf(input) })),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const read = dataset.value;
      const layer: Obj = { kind, id: read.id };
      if (read.inputs !== undefined) layer.inputs = read.inputs;
      const defaults = defaultLayer(kind, read.id as string) as unknown as Obj;
      for (const [name, p] of params) {
        if (read[name] !== undefined) layer[name] = read[name];
        else if (p.required) {
          addIssue({ message: tr('network:schema.missing', { where, name }) });
          return NEVER;
        }
        // e.g. PyTorch's stride=None for pooling means stride = kernel_size.
        else layer[name] = p.defaultFrom !== undefined ? layer[p.defaultFrom] : defaults[name];
      }
      return layer as unknown as Layer;
    }),
  );
}

/** The layers in order, each read by its kind's schema; ids are unique across them. */
export function readLayers(
  raw: readonly unknown[],
  version: number,
): { ok: true; layers: Layer[] } | { ok: false; error: string } {
  const taken = new Set<string>();
  const layers: Layer[] = [];
  for (const [index, item] of raw.entries()) {
    const where = tr('network:schema.layerN', { n: index + 1 });
    if (!isObject(item))
      return { ok: false, error: tr('network:schema.mustBeObject', { where, kind: kindOf(item) }) };
    if (!isLayerKind(item.kind))
      return {
        ok: false,
        error: tr('network:schema.unknownKind', {
          where,
          kind: JSON.stringify(String(item.kind).slice(0, 40)),
          kinds: LAYER_KINDS.join(', '),
        }),
      };
    const layer = readWith(layerSchema(item.kind, index, taken, version), item);
    if (!layer.ok) return { ok: false, error: layer.error };
    layers.push(layer.value);
  }
  return { ok: true, layers };
}
