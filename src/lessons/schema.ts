// What a lesson file may hold, as valibot schemas: a teacher writes a lesson as JSON data, and nothing in
// it is ever run as code. Checks and setups are closed lists of kinds the app knows how to observe or do.
import * as v from 'valibot';

const text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(max));
const slug = v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,40}$/, 'ids are 1 to 40 of a-z, 0-9 and -'));
const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1e7));
const finite = v.pipe(v.number(), v.finite());

export const WIDGETS = ['kernel', 'pool', 'transpose', 'gap'] as const;

/** The page's panels (its tab bar) a step may work in, by their tab names. */
export const PAGE_PANELS = [
  'Summary',
  'Hyperparameters',
  'Inside the network',
  'Test results',
  'Your own data',
  'Generate images',
  'Segmentation and detection',
] as const;
export type PagePanel = (typeof PAGE_PANELS)[number];
export type WidgetName = (typeof WIDGETS)[number];

/** The values a widget reports to the checks (its choices and what it computed). */
export const WidgetValue = v.union([v.string(), v.number(), v.boolean()]);

const CheckLeaf = v.variant('kind', [
  /** The learner says they have read the step (a button). */
  v.object({ kind: v.literal('read') }),
  v.object({
    kind: v.literal('widget'),
    widget: v.picklist(WIDGETS),
    field: v.pipe(v.string(), v.regex(/^[a-zA-Z]{1,40}$/, 'a widget field is 1 to 40 letters')),
    equals: WidgetValue,
  }),
  v.object({ kind: v.literal('layerParam'), layer: text(60), param: text(40), equals: finite }),
  v.object({ kind: v.literal('layerKind'), layerKind: text(40), atLeast: count }),
  /** Whether the design shows errors (true: the learner should read them; false: all fixed). */
  v.object({ kind: v.literal('designErrors'), present: v.boolean() }),
  v.object({ kind: v.literal('steps'), atLeast: count }),
  v.object({ kind: v.literal('testAccuracy'), atLeast: v.pipe(v.number(), v.minValue(0), v.maxValue(1)) }),
  v.object({
    kind: v.literal('trainer'),
    state: v.picklist(['idle', 'training', 'paused', 'diverged', 'done']),
  }),
  v.object({
    kind: v.literal('hyper'),
    field: v.picklist(['lr', 'batchSize', 'epochs']),
    atLeast: v.optional(finite),
    atMost: v.optional(finite),
  }),
  v.object({
    kind: v.literal('generative'),
    mode: v.picklist(['autoencoder', 'gan']),
    stepsAtLeast: count,
  }),
  /** The judge's digit score of the generative run: the GAN's inception score (1 to 10), or the share
   *  of the autoencoder's reconstructions recognised as their digit (0 to 1). */
  v.object({
    kind: v.literal('digitScore'),
    mode: v.picklist(['autoencoder', 'gan']),
    atLeast: v.pipe(v.number(), v.minValue(0), v.maxValue(10)),
  }),
  /** Train accuracy minus test accuracy, in points (0 to 100), once both are measured; no bound: measured. */
  v.object({
    kind: v.literal('accuracyGap'),
    atLeast: v.optional(v.pipe(v.number(), v.minValue(-100), v.maxValue(100))),
    atMost: v.optional(v.pipe(v.number(), v.minValue(-100), v.maxValue(100))),
  }),
  /** Segmentation or detection trained in their panel for at least this many steps. */
  v.object({
    kind: v.literal('dense'),
    task: v.picklist(['segmentation', 'detection']),
    stepsAtLeast: count,
  }),
]);

/** A check: one observation, or all of a few. */
export const Check = v.union([
  CheckLeaf,
  v.object({ kind: v.literal('all'), checks: v.pipe(v.array(CheckLeaf), v.minLength(1), v.maxLength(8)) }),
]);

/** What opening a step does to the app first: a preset, then edits to it, then hyperparameters. */
export const Setup = v.object({
  preset: v.optional(
    v.picklist([
      'lenet-5',
      'pytorch-tutorial-cnn',
      'tiny-cnn',
      'mlp',
      'resnet-mini',
      'mobilenet-mini',
      'autoencoder',
      'dcgan-generator',
      'cgan-generator',
      'unet',
      'fcn',
      'centernet',
    ]),
  ),
  /** The side of the scenes a segmentation or detection preset trains on (small is quick). */
  sceneSide: v.optional(v.picklist([32, 48, 64, 96, 128])),
  autoWire: v.optional(v.boolean()),
  edits: v.optional(
    v.pipe(v.array(v.object({ layer: text(60), param: text(40), value: finite })), v.maxLength(20)),
  ),
  hyper: v.optional(
    v.object({
      optimizer: v.optional(v.picklist(['sgd', 'adam', 'adamw'])),
      lr: v.optional(v.pipe(v.number(), v.gtValue(0), v.maxValue(100))),
      batchSize: v.optional(v.pipe(count, v.minValue(1), v.maxValue(1024))),
      epochs: v.optional(v.pipe(count, v.minValue(1), v.maxValue(100))),
    }),
  ),
  /** Resets training (step 0, curves cleared) after the design is in place. */
  reset: v.optional(v.boolean()),
});

/** A control the step's text names: found on the page by its test id, or by its role and accessible name. */
export const Control = v.union([
  v.object({ testid: text(60) }),
  v.object({
    role: v.picklist(['button', 'tab', 'spinbutton', 'slider', 'combobox', 'region']),
    name: text(80),
  }),
]);

export const Step = v.object({
  id: slug,
  title: text(80),
  /** A sentence or two of explanation; `*word*` is shown emphasised, nothing else is markup. */
  text: text(1200),
  /** The one thing the learner does. */
  action: text(300),
  controls: v.optional(v.pipe(v.array(Control), v.maxLength(8)), []),
  /** The panel of the page the step works in, opened when the step shows (its controls are in it). */
  panel: v.optional(v.picklist(PAGE_PANELS)),
  widget: v.optional(v.picklist(WIDGETS)),
  setup: v.optional(Setup),
  check: Check,
});

export const Lesson = v.object({
  /** The lesson file's format. */
  format: v.literal('cnn-playground-lesson/1'),
  id: slug,
  number: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(99)),
  title: text(80),
  summary: text(400),
  /** A panel the lesson needs that this app may lack (the lesson says so instead of failing). */
  needs: v.optional(v.picklist(['segmentation'])),
  steps: v.pipe(v.array(Step), v.minLength(1), v.maxLength(20)),
});

export type Lesson = v.InferOutput<typeof Lesson>;
export type Step = v.InferOutput<typeof Step>;
export type Check = v.InferOutput<typeof Check>;
export type CheckLeaf = v.InferOutput<typeof CheckLeaf>;
export type Setup = v.InferOutput<typeof Setup>;
export type Control = v.InferOutput<typeof Control>;

/** The lesson in `data`, or a message naming the first problem and where it is. */
export function parseLesson(data: unknown): { ok: true; lesson: Lesson } | { ok: false; error: string } {
  const result = v.safeParse(Lesson, data);
  if (result.success) {
    const ids = result.output.steps.map((s) => s.id);
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice) return { ok: false, error: `two steps have the id "${twice}"` };
    return { ok: true, lesson: result.output };
  }
  const issue = result.issues[0];
  const path = v.getDotPath(issue);
  return { ok: false, error: path ? `${path}: ${issue.message}` : issue.message };
}
