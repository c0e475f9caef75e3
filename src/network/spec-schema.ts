// The design format as valibot schemas: the spec's envelope (version 2; version 1, chains of layers, reads
// unchanged), its input, scene and diagram layout; layer-schema.ts reads the layers. NetworkSpec is the
// output type of NetworkSpecSchema. Magnitudes are bounded here; semantics (shapes, tasks) stay with
// analyzeSpec, so a loaded design can show its own errors. Everything is read into fresh objects, nothing
// kept by reference.
import * as v from 'valibot';
import { tr } from '../i18n';
import { SPEC_LIMITS, type Layer } from '../layers';
import { NETWORK_INPUT } from '../layers/core/graph';
import { CONDITIONAL_DISCRIMINATOR_SHAPE } from './conditional-shape';
import { DEFAULT_SCENE, SCENE_KEYS, SCENE_LIMITS, isDenseTask, type SceneSettings } from './dense-scene';
import { readLayers } from './layer-schema';
import { fields, isObject, kindOf, readWith, wholeNumber } from './schema-kit';

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
    // A conditional GAN's discriminator reads the image with one plane per digit after it.
    const conditional = task === 'discriminator' && is(CONDITIONAL_DISCRIMINATOR_SHAPE);
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
    } else if (!is(IMAGE_SHAPE) && !conditional) problem = tr('network:schema.imageShape');
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
      : {
          dataset: input.dataset,
          shape: conditional
            ? [...CONDITIONAL_DISCRIMINATOR_SHAPE]
            : latentDim === undefined
              ? [1, side, side]
              : [latentDim],
        };
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
