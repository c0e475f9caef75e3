// The design format as valibot schemas: the spec's envelope (version 2; version 1, chains of layers, reads
// unchanged), its input, and each layer kind's fields built from the parameter table of its definition,
// so a kind's parameters are described once, in src/layers. NetworkSpec is the output type of
// NetworkSpecSchema. Magnitudes are bounded here; semantics (shapes, tasks) stay with analyzeSpec, so a
// loaded design can show its own errors. Everything is read into fresh objects, nothing kept by reference.
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
import { DEFAULT_SCENE, SCENE_KEYS, SCENE_LIMITS, isDenseTask, type SceneSettings } from './dense-scene';
import { anyNumber, fields, isObject, kindOf, readWith, wholeNumber, type Obj } from './schema-kit';

export const SPEC_VERSION = 2 as const;
export const DATASET_IDS = ['mnist', 'fashion-mnist'] as const;
export const TASKS = [
  'classification',
  'reconstruction',
  'generator',
  'discriminator',
  'segmentation',
  'detection',
] as const;

/** The user's own datasets: `user:` then letters, digits and dashes (see dataset-input.ts). */
const USER_ID = /^user:[a-z0-9-]{1,40}$/;
const DatasetSchema = v.custom<DatasetRef>(
  (input) =>
    typeof input === 'string' && ((DATASET_IDS as readonly string[]).includes(input) || USER_ID.test(input)),
  () => tr('network:schema.dataset', { ids: DATASET_IDS.join(', ') }),
);
const TaskSchema = v.picklist(TASKS, () => tr('network:schema.task', { tasks: TASKS.join(', ') }));
export type DatasetId = (typeof DATASET_IDS)[number];
/** A dataset the user brought, kept in this browser under this id. */
export type UserDatasetId = `user:${string}`;
/** What a design trains on: a built-in dataset or one of the user's. */
export type DatasetRef = DatasetId | UserDatasetId;
/** [channels, height, width]. */
export type ImageShape = [number, number, number];
/** Bounds a user dataset's input is read within; its semantics (channels, sizes) are analyzeSpec's. */
const USER_INPUT_BOUNDS = { maxSide: 96, maxClasses: 100, maxNameLength: 60 } as const;
export type Task = v.InferOutput<typeof TaskSchema>;

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
function readLayers(
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

const IMAGE_SHAPE: [1, 28, 28] = [1, 28, 28];

/** Where the user put a node of the diagram, in the diagram's own units (pixels at zoom 1). */
export interface NodePosition {
  x: number;
  y: number;
}

/** Largest |coordinate| of a diagram position: far beyond any screen, small enough to stay exact. */
export const MAX_LAYOUT_COORDINATE = 1_000_000;

/** The diagram positions: an object from layer ids (or 'input') of this design to {x, y}. */
function readLayout(
  raw: unknown,
  ids: readonly string[],
): { ok: true; layout: Record<string, NodePosition> } | { ok: false; error: string } {
  if (!isObject(raw)) return { ok: false, error: tr('network:schema.layoutObject', { kind: kindOf(raw) }) };
  const known = new Set(ids);
  const layout: Record<string, NodePosition> = {};
  const inRange = (c: unknown): c is number =>
    typeof c === 'number' && Number.isFinite(c) && Math.abs(c) <= MAX_LAYOUT_COORDINATE;
  for (const [id, value] of Object.entries(raw)) {
    const where = tr('network:schema.layoutOf', { id: id.slice(0, 40) });
    // Keys come from JSON.parse; one named like Object's prototype would not make an own property here.
    if (id === '__proto__' || (id !== NETWORK_INPUT && !known.has(id)))
      return { ok: false, error: tr('network:schema.layoutNames', { id: id.slice(0, 40) }) };
    if (!isObject(value))
      return { ok: false, error: tr('network:schema.layoutXY', { where, kind: kindOf(value) }) };
    const extra = Object.keys(value).find((k) => k !== 'x' && k !== 'y');
    if (extra !== undefined)
      return { ok: false, error: tr('network:schema.unknownField', { where, field: extra.slice(0, 40) }) };
    for (const axis of ['x', 'y'] as const)
      if (!inRange(value[axis]))
        return {
          ok: false,
          error: tr('network:schema.axisRange', { where, axis, max: MAX_LAYOUT_COORDINATE }),
        };
    layout[id] = { x: value.x as number, y: value.y as number };
  }
  return { ok: true, layout };
}

/**
 * Scene settings: exactly the known whole numbers, missing ones the defaults (their ranges are the
 * analysis's to explain); only segmentation and detection specs have them.
 */
function readScene(
  raw: unknown,
  task: Task,
): { ok: true; value: SceneSettings | undefined } | { ok: false; error: string } {
  if (!isDenseTask(task))
    return raw === undefined
      ? { ok: true, value: undefined }
      : {
          ok: false,
          error: tr('network:schema.sceneOnlyDense', { task: tr(`network:task.${task}`) }),
        };
  if (raw === undefined) return { ok: true, value: { ...DEFAULT_SCENE } };
  if (!isObject(raw)) return { ok: false, error: tr('network:schema.sceneObject', { kind: kindOf(raw) }) };
  const entries = Object.fromEntries(
    SCENE_KEYS.map((key) => [key, v.optional(wholeNumber(SCENE_LIMITS.maxSide, `scene.${key}`))]),
  );
  const read = readWith(
    fields(entries, 'scene', () => tr('network:schema.sceneMustBeObject')),
    raw,
  );
  if (!read.ok) return read;
  const out = { ...DEFAULT_SCENE };
  for (const key of SCENE_KEYS) if (read.value[key] !== undefined) out[key] = read.value[key] as number;
  return { ok: true, value: out };
}

/**
 * What the network reads: built-in image tasks one 28×28 greyscale image ([1, 28, 28]); a classifier of a
 * user dataset its images, [C, H, W], and its `classes` and `name`; a generator a noise vector [latentDim].
 */
interface NetworkInputOf {
  dataset: DatasetRef;
  shape: ImageShape | [number];
  /** A user dataset's class count; present exactly for user datasets. */
  classes?: number;
  /** A user dataset's name, for messages where it is not in this browser. */
  name?: string;
}

/** The design as read: the envelope's fields, and the diagram positions where the user placed nodes. */
interface DesignOut {
  version: typeof SPEC_VERSION;
  name: string;
  input: NetworkInputOf;
  task: Task;
  autoWire: boolean;
  latentDim?: number;
  scene?: SceneSettings;
  layers: Layer[];
  /** Absent: every node is placed by the auto-layout. Training ignores it. */
  layout?: Record<string, NodePosition>;
}

/** A design read from outside (a file, a link, the autosave), as NetworkSpec. */
export const NetworkSpecSchema = v.pipe(
  fields(
    {
      version: v.custom<1 | 2>(
        (input) => input === 1 || input === SPEC_VERSION,
        (issue) =>
          typeof issue.input === 'number' && issue.input > SPEC_VERSION
            ? tr('network:schema.newerVersion', { version: issue.input, current: SPEC_VERSION })
            : tr('network:schema.needsVersion', { current: SPEC_VERSION }),
      ),
      name: v.nullish(
        v.custom<string>(
          (input) => typeof input === 'string' && input.length <= SPEC_LIMITS.maxNameLength,
          () => tr('network:schema.name', { max: SPEC_LIMITS.maxNameLength }),
        ),
        'Untitled',
      ),
      task: TaskSchema,
      /** Length of the generator's noise vector; present exactly when task is 'generator'. */
      latentDim: v.optional(
        v.pipe(
          wholeNumber(SPEC_LIMITS.maxLatentDim, 'latentDim'),
          v.minValue(1, () => tr('network:schema.latentDimMin')),
        ),
      ),
      /** How the scenes are drawn; present exactly when task is 'segmentation' or 'detection'. */
      scene: v.optional(v.unknown()),
      input: fields(
        {
          dataset: DatasetSchema,
          shape: v.unknown(),
          classes: v.optional(v.unknown()),
          name: v.optional(v.unknown()),
        },
        'input',
        (input) => tr('network:schema.inputObject', { kind: kindOf(input) }),
      ),
      /** When on, in_channels / in_features / num_features follow from the previous layer. */
      autoWire: v.nullish(
        v.custom<boolean>(
          (input) => typeof input === 'boolean',
          () => tr('network:schema.autoWire'),
        ),
        true,
      ),
      /** Diagram positions the user chose, by layer id ('input' for the network input); read below. */
      layout: v.optional(v.unknown()),
      layers: v.pipe(
        v.custom<unknown[]>(Array.isArray, (issue) =>
          tr('network:schema.layersList', { kind: kindOf(issue.input) }),
        ),
        v.check(
          (layers) => layers.length <= SPEC_LIMITS.maxLayers,
          (issue) =>
            tr('network:schema.tooManyLayers', {
              n: (issue.input as unknown[]).length,
              max: SPEC_LIMITS.maxLayers,
            }),
        ),
      ),
    },
    () => tr('network:schema.theSpec'),
    (input) => tr('network:schema.specObject', { kind: kindOf(input) }),
  ),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const { version, name, task, latentDim, input, autoWire } = dataset.value;
    const shape = input.shape;
    const is = (want: readonly number[]) =>
      Array.isArray(shape) && shape.length === want.length && shape.every((d, i) => d === want[i]);
    // What the network reads: a generator a noise vector of latentDim values, every other task an image.
    let problem: string | null = null;
    const user = USER_ID.test(input.dataset);
    const whole = (n: unknown, max: number) =>
      typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= max;
    const { maxSide, maxClasses, maxNameLength } = USER_INPUT_BOUNDS;
    if (user) {
      if (task !== 'classification' || latentDim !== undefined)
        problem = tr('network:schema.userOnlyClassifiers', { task: tr(`network:task.${task}`) });
      else if (!Array.isArray(shape) || shape.length !== 3 || !shape.every((d) => whole(d, maxSide)))
        problem = tr('network:schema.userShape', { max: maxSide });
      else if (!whole(input.classes, maxClasses))
        problem = tr('network:schema.userClasses', { max: maxClasses });
      else if (typeof input.name !== 'string' || input.name.length === 0 || input.name.length > maxNameLength)
        problem = tr('network:schema.userName', { max: maxNameLength });
    } else if (input.classes !== undefined || input.name !== undefined)
      problem = tr('network:schema.builtinExtra');
    else if (task === 'generator') {
      if (latentDim === undefined) problem = tr('network:schema.generatorLatent');
      else if (!is([latentDim])) problem = tr('network:schema.generatorShape', { latentDim });
    } else if (latentDim !== undefined)
      problem = tr('network:schema.latentOnlyGenerator', { task: tr(`network:task.${task}`) });
    else if (isDenseTask(task)) {
      // Segmentation and detection read a square scene of a side from minSide to maxSide.
      const side = Array.isArray(shape) ? (shape[1] as number) : NaN;
      const { minSide, maxSide } = SCENE_LIMITS;
      if (!is([1, side, side]) || !Number.isInteger(side) || side < minSide || side > maxSide)
        problem = tr('network:schema.sceneShape', { min: minSide, max: maxSide });
    } else if (!is(IMAGE_SHAPE)) problem = tr('network:schema.imageShape');
    const scene = problem === null ? readScene(dataset.value.scene, task) : null;
    if (scene !== null && !scene.ok) problem = scene.error;
    const layers = problem === null ? readLayers(dataset.value.layers, version) : null;
    if (problem !== null || !layers?.ok) {
      addIssue({ message: problem ?? (layers as { error: string }).error });
      return NEVER;
    }
    const raw = dataset.value.layout;
    const layout =
      raw === undefined
        ? { ok: true as const, layout: {} }
        : readLayout(
            raw,
            layers.layers.map((l) => l.id),
          );
    if (!layout.ok) {
      addIssue({ message: layout.error });
      return NEVER;
    }
    const side = isDenseTask(task) ? (shape as number[])[1] : 28;
    const networkInput: NetworkInputOf = user
      ? {
          dataset: input.dataset,
          shape: [...(shape as ImageShape)],
          classes: input.classes as number,
          name: input.name as string,
        }
      : { dataset: input.dataset, shape: latentDim === undefined ? [1, side, side] : [latentDim] };
    return {
      version: SPEC_VERSION,
      name,
      input: networkInput,
      task,
      autoWire,
      ...(latentDim === undefined ? {} : { latentDim }),
      ...(scene?.ok && scene.value ? { scene: scene.value } : {}),
      layers: layers.layers,
      // An empty layout says nothing: the design is auto-laid out, as without one.
      ...(Object.keys(layout.layout).length > 0 ? { layout: layout.layout } : {}),
    } as DesignOut;
  }),
);

export type NetworkSpec = v.InferOutput<typeof NetworkSpecSchema>;
export type NetworkInput = NetworkSpec['input'];
