// Why the classifier's Train would not run now: one answer for the Train button, Step, Evaluate and the
// Space key, so a key never does what the disabled button refuses.
import { tr } from '../../i18n';
import { isDenseTask } from '../../network/dense';
import { validateHyper } from '../../network/hyper';
import type { NetworkSpec } from '../../network/spec';
import { analysisOf, blockingReason } from '../builder/useAnalysis';
import type { AppState } from '../store/store';

/** The panel where a design of this task trains (null: the classifier's own controls). */
export function panelOf(spec: NetworkSpec): 'generate' | 'dense' | null {
  if (spec.task === 'classification') return null;
  return isDenseTask(spec.task) ? 'dense' : 'generate';
}

/** Why the builder's design is not the classifier's to train (it trains in its own panel). */
export function otherTaskReason(spec: NetworkSpec): string | null {
  const panel = panelOf(spec);
  if (spec.task === 'classification' || !panel) return null;
  return tr('ui:trainGate.otherTask', {
    task: tr(`ui:trainGate.${spec.task}`),
    panel: tr(`ui:panelTabs.tab.${panel}`),
  });
}

/**
 * Whether enough data is in to train: the whole dataset, or, while it streams in, a batch of training
 * images (the run goes on over the images as they arrive; the test accuracy shows once the test split is in).
 */
function trainable(s: AppState): boolean {
  const { phase, train } = s.dataset;
  return phase === 'ready' || (phase === 'loading' && train >= s.hyper.batchSize);
}

/** What stops the classifier's model being used at all (trained, stepped or evaluated), or null. */
export function unusableReason(s: AppState): string | null {
  const hyperError = validateHyper(s.hyper).find((i) => i.severity === 'error')?.message;
  return (
    otherTaskReason(s.spec) ??
    blockingReason(analysisOf(s.spec)) ??
    (hyperError ? tr('ui:trainGate.fixHyper', { error: hyperError }) : null) ??
    // Until the worker says which backend it runs on, a run would wait behind the backend's opening.
    (s.client === null || s.backend === null
      ? tr('ui:trainGate.starting')
      : trainable(s)
        ? null
        : tr('ui:trainGate.waitingData'))
  );
}

/** Why a finished run does not train on. */
export const finishedReason = (): string => tr('ui:trainGate.finished');

/** Why Train would not start or resume training now, or null when it would. */
export function trainBlockedReason(s: AppState): string | null {
  return (
    unusableReason(s) ??
    (s.trainerState === 'done' ? finishedReason() : null) ??
    (s.trainerState === 'diverged' ? tr('ui:trainGate.diverged') : null)
  );
}
