// Whether a step's check is met, from a plain snapshot of the app (LessonView): the page builds the
// snapshot from its store, so this module stays pure and every check is tested without a browser.
import type { Hyperparams } from '../network/hyper';
import type { NetworkSpec } from '../network/spec';
import type { Check, CheckLeaf, WidgetName } from './schema';

export interface LessonView {
  spec: NetworkSpec;
  /** How many error issues the design has now. */
  designErrors: number;
  hyper: Pick<Hyperparams, 'lr' | 'batchSize' | 'epochs'>;
  /** Training steps since the last reset. */
  steps: number;
  trainerState: string;
  /** The latest test accuracy (0..1: a test sample while training, or a full evaluation), or null. */
  testAccuracy: number | null;
  /** The accuracy on the training batches (0..1) of the latest report, or null before one. */
  trainAccuracy: number | null;
  widgets: Partial<Record<WidgetName, Record<string, string | number | boolean>>>;
  /** The learner pressed "Done" on this step. */
  read: boolean;
  /** The generative run, and the judge's latest digit score of it (null before one). */
  generative: { mode: string | null; steps: number; score: number | null };
  /** The segmentation or detection run in its panel. */
  dense: { task: string | null; steps: number };
}

/** Train minus test accuracy in percentage points, or null until both are measured. */
export const accuracyGap = (view: Pick<LessonView, 'trainAccuracy' | 'testAccuracy'>): number | null =>
  view.trainAccuracy === null || view.testAccuracy === null
    ? null
    : 100 * (view.trainAccuracy - view.testAccuracy);

const within = (value: number, bounds: { atLeast?: number; atMost?: number }) =>
  (bounds.atLeast === undefined || value >= bounds.atLeast) &&
  (bounds.atMost === undefined || value <= bounds.atMost);

const paramOf = (spec: NetworkSpec, layerId: string, param: string): unknown => {
  const layer = spec.layers.find((l) => l.id === layerId);
  return layer ? (layer as unknown as Record<string, unknown>)[param] : undefined;
};

function leafMet(check: CheckLeaf, view: LessonView): boolean {
  switch (check.kind) {
    case 'read':
      return view.read;
    case 'widget':
      return view.widgets[check.widget]?.[check.field] === check.equals;
    case 'layerParam':
      return paramOf(view.spec, check.layer, check.param) === check.equals;
    case 'layerKind':
      return view.spec.layers.filter((l) => l.kind === check.layerKind).length >= check.atLeast;
    case 'designErrors':
      return check.present ? view.designErrors > 0 : view.designErrors === 0;
    case 'steps':
      return view.steps >= check.atLeast;
    case 'testAccuracy':
      return view.testAccuracy !== null && view.testAccuracy >= check.atLeast;
    case 'trainer':
      return view.trainerState === check.state;
    case 'hyper':
      return within(view.hyper[check.field], check);
    case 'generative':
      return view.generative.mode === check.mode && view.generative.steps >= check.stepsAtLeast;
    case 'digitScore':
      return (
        view.generative.mode === check.mode &&
        view.generative.score !== null &&
        view.generative.score >= check.atLeast
      );
    case 'accuracyGap': {
      const gap = accuracyGap(view);
      return gap !== null && within(gap, check);
    }
    case 'dense':
      return view.dense.task === check.task && view.dense.steps >= check.stepsAtLeast;
  }
}

export function checkMet(check: Check, view: LessonView): boolean {
  return check.kind === 'all' ? check.checks.every((c) => leafMet(c, view)) : leafMet(check, view);
}

/** Whether the step waits for the learner's "Done" (a `read` check, alone or among others). */
export const needsRead = (check: Check): boolean =>
  check.kind === 'read' || (check.kind === 'all' && check.checks.some((c) => c.kind === 'read'));
