// Training hyperparameters: plain data beside the spec, with the ranges a classroom can safely explore.
import { tr } from '../i18n';
import { taskName } from './issue-helpers';
import * as v from 'valibot';
import { anyNumber, fields } from './schema-kit';
import { AugmentSchema } from './augment';
import type { Task } from './spec';

export const HYPER_LIMITS = {
  maxLr: 1000,
  maxBatchSize: 1024,
  maxEpochs: 1000,
  maxSeed: 2 ** 32 - 1,
} as const;

const OPTIMIZERS = ['sgd', 'adam', 'adamw'] as const;
/** 'centernet': the detection head's focal loss on centre heatmaps plus L1 on box sizes and offsets. */
const LOSSES = ['cross_entropy', 'mse', 'bce', 'centernet'] as const;

/** A field of the hyperparameters: its type, and its default where a file leaves it out (or null). */
function field<S extends v.GenericSchema>(schema: S, fallback: v.InferOutput<S>) {
  return v.nullish(schema, fallback as never) as v.NullishSchema<S, v.InferOutput<S>>;
}
const number = (key: string) => anyNumber(key);
const pick = <const T extends readonly string[]>(key: string, options: T) =>
  v.pipe(
    v.custom<string>(
      (input) => typeof input === 'string',
      (issue) => tr('network:schema.notString', { key, type: typeof issue.input }),
    ),
    v.picklist(options, () => tr('network:schema.pick', { key, options: options.join(', ') })),
  );

/**
 * Training hyperparameters as files, links and the autosave hold them: known fields of the right types
 * (missing ones take the defaults below), then the ranges of validateHyper. The Hyperparams type is this.
 */
export const HyperparamsSchema = v.pipe(
  fields(
    {
      optimizer: field(pick('optimizer', OPTIMIZERS), 'adam'),
      lr: field(number('lr'), 1e-3),
      /** SGD momentum (PyTorch's `momentum`). */
      momentum: field(number('momentum'), 0.9),
      nesterov: field(
        v.custom<boolean>(
          (input) => typeof input === 'boolean',
          (issue) => tr('network:schema.nesterov', { type: typeof issue.input }),
        ),
        false,
      ),
      /** Adam's β1 and β2 (PyTorch's `betas`). */
      beta1: field(number('beta1'), 0.9),
      beta2: field(number('beta2'), 0.999),
      eps: field(number('eps'), 1e-8),
      weightDecay: field(number('weightDecay'), 0),
      /** Cross-entropy's label_smoothing ε: the target puts 1 − ε on the label and ε spread over all classes. */
      labelSmoothing: field(number('labelSmoothing'), 0),
      batchSize: field(number('batchSize'), 64),
      epochs: field(number('epochs'), 5),
      seed: field(number('seed'), 42),
      /** Omitted: the task's default (defaultLoss). For GANs 'bce' means BCE-with-logits. */
      loss: v.optional(pick('loss', LOSSES)),
      /** Segmentation: the cross-entropy weight of background pixels (digits weigh 1); omitted: 0.1. */
      backgroundWeight: v.optional(number('backgroundWeight')),
      /** Your own data: how each training sample is varied, step by step (augment.ts); omitted: not at all. */
      augment: v.optional(AugmentSchema),
    },
    () => tr('network:schema.theHyper'),
    () => tr('network:schema.hyperObject'),
  ),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const error = validateHyper(dataset.value).find((issue) => issue.severity === 'error');
    if (error) addIssue({ message: error.message });
  }),
);

export type Hyperparams = v.InferOutput<typeof HyperparamsSchema>;
export type OptimizerKind = Hyperparams['optimizer'];
export type LossKind = NonNullable<Hyperparams['loss']>;

export const DEFAULT_HYPER: Hyperparams = v.parse(HyperparamsSchema, {});

/** Most of a scene is background: at weight 1 a network first learns to call every pixel background. */
export const DEFAULT_BACKGROUND_WEIGHT = 0.1;

/** DCGAN's settings (Radford et al. 2015: Adam, β1 0.5; each network gets its own) with lr 1e-3, not their
 *  2e-4: on the playground's small DCGAN 2e-4 flattens near an inception score of 5.8, 1e-3 passes 6.8 by
 *  2,000 steps on two seeds and keeps rising (docs/GENERATION.md). */
export const DCGAN_HYPER: Hyperparams = {
  ...DEFAULT_HYPER,
  optimizer: 'adam',
  lr: 1e-3,
  beta1: 0.5,
  loss: 'bce',
};

export function defaultLoss(task: Task): LossKind {
  if (task === 'classification' || task === 'segmentation') return 'cross_entropy';
  if (task === 'detection') return 'centernet';
  return 'bce';
}

export type HyperField = keyof Hyperparams;

export interface HyperIssue {
  field: HyperField;
  severity: 'error' | 'warning';
  message: string;
}

const LOSSES_FOR: Record<Task, readonly LossKind[]> = {
  classification: ['cross_entropy'],
  reconstruction: ['mse', 'bce'],
  generator: ['bce'],
  discriminator: ['bce'],
  segmentation: ['cross_entropy'],
  detection: ['centernet'],
};

/** Range checks with plain-language messages; pass the task to also check the loss fits it. */
export function validateHyper(h: Hyperparams, task?: Task): HyperIssue[] {
  const issues: HyperIssue[] = [];
  const err = (field: HyperField, message: string) => issues.push({ field, severity: 'error', message });
  const warn = (field: HyperField, message: string) => issues.push({ field, severity: 'warning', message });
  const finite = (field: HyperField, v: number) => {
    if (!Number.isFinite(v)) err(field, tr('network:hyper.finite', { field, value: String(v) }));
    return Number.isFinite(v);
  };
  const whole = (field: HyperField, v: number, min: number, max: number) => {
    if (!Number.isInteger(v) || v < min || v > max)
      err(field, tr('network:hyper.whole', { field, min, max, value: v }));
  };

  if (finite('lr', h.lr)) {
    if (h.lr <= 0 || h.lr > HYPER_LIMITS.maxLr)
      err('lr', tr('network:hyper.lr', { max: HYPER_LIMITS.maxLr, value: h.lr }));
    else if (h.lr > 1) warn('lr', tr('network:hyper.lrHigh', { value: h.lr }));
  }
  if (finite('momentum', h.momentum) && (h.momentum < 0 || h.momentum >= 1)) {
    err('momentum', tr('network:hyper.unitInterval', { field: 'momentum', value: h.momentum }));
  }
  if (h.optimizer === 'sgd' && h.nesterov && h.momentum <= 0) {
    err('nesterov', tr('network:hyper.nesterov'));
  }
  for (const field of ['beta1', 'beta2'] as const) {
    if (finite(field, h[field]) && (h[field] < 0 || h[field] >= 1)) {
      err(field, tr('network:hyper.unitInterval', { field, value: h[field] }));
    }
  }
  if (finite('eps', h.eps) && (h.eps <= 0 || h.eps > 1))
    err('eps', tr('network:hyper.eps', { value: h.eps }));
  if (finite('weightDecay', h.weightDecay) && (h.weightDecay < 0 || h.weightDecay > 1)) {
    err('weightDecay', tr('network:hyper.weightDecay', { value: h.weightDecay }));
  }
  if (finite('labelSmoothing', h.labelSmoothing) && (h.labelSmoothing < 0 || h.labelSmoothing >= 1)) {
    err('labelSmoothing', tr('network:hyper.labelSmoothing', { value: h.labelSmoothing }));
  }
  if (
    h.backgroundWeight !== undefined &&
    finite('backgroundWeight', h.backgroundWeight) &&
    (h.backgroundWeight <= 0 || h.backgroundWeight > 10)
  ) {
    err('backgroundWeight', tr('network:hyper.backgroundWeight', { value: h.backgroundWeight }));
  }
  if (task === 'segmentation' && h.labelSmoothing > 0) {
    err('labelSmoothing', tr('network:hyper.smoothingSegmentation'));
  }
  whole('batchSize', h.batchSize, 1, HYPER_LIMITS.maxBatchSize);
  whole('epochs', h.epochs, 1, HYPER_LIMITS.maxEpochs);
  whole('seed', h.seed, 0, HYPER_LIMITS.maxSeed);
  if (task && h.loss !== undefined && !LOSSES_FOR[task].includes(h.loss)) {
    err(
      'loss',
      tr('network:hyper.loss', {
        loss: h.loss,
        task: taskName(task),
        options: LOSSES_FOR[task].join(tr('network:hyper.or')),
      }),
    );
  }
  return issues;
}
