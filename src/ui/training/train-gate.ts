// Why the classifier's Train would not run now: one answer for the Train button, Step, Evaluate and the
// Space key, so a key never does what the disabled button refuses.
import { isDenseTask } from '../../network/dense';
import { validateHyper } from '../../network/hyper';
import type { NetworkSpec } from '../../network/spec';
import { analysisOf, blockingReason } from '../builder/useAnalysis';
import type { AppState } from '../store/store';

const TASK_NAMES = {
  reconstruction: 'an autoencoder',
  generator: "a GAN's generator",
  discriminator: "a GAN's discriminator",
  segmentation: 'a segmentation network',
  detection: 'a detector',
} as const;

/** The panel where a design of this task trains (null: the classifier's own controls). */
export function panelOf(spec: NetworkSpec): 'Generate images' | 'Segmentation and detection' | null {
  if (spec.task === 'classification') return null;
  return isDenseTask(spec.task) ? 'Segmentation and detection' : 'Generate images';
}

/** Why the builder's design is not the classifier's to train (it trains in its own panel). */
export function otherTaskReason(spec: NetworkSpec): string | null {
  if (spec.task === 'classification') return null;
  return `The builder holds ${TASK_NAMES[spec.task]}: it trains in the ${panelOf(spec)} panel.`;
}

/** What stops the classifier's model being used at all (trained, stepped or evaluated), or null. */
export function unusableReason(s: AppState): string | null {
  const hyperError = validateHyper(s.hyper).find((i) => i.severity === 'error')?.message;
  return (
    otherTaskReason(s.spec) ??
    blockingReason(analysisOf(s.spec)) ??
    (hyperError ? `Fix the hyperparameters first: ${hyperError}` : null) ??
    (s.client === null
      ? 'The trainer is starting…'
      : s.dataset.phase !== 'ready'
        ? 'Waiting for the dataset to load…'
        : null)
  );
}

export const FINISHED = 'Training finished: raise Epochs or press Reset.';

/** Why Train would not start or resume training now, or null when it would. */
export function trainBlockedReason(s: AppState): string | null {
  return (
    unusableReason(s) ??
    (s.trainerState === 'done' ? FINISHED : null) ??
    (s.trainerState === 'diverged' ? 'Training diverged: lower the learning rate and press Reset.' : null)
  );
}
