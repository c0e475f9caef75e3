// Whether a design, its training and its measured result meet a challenge: the goal and every lock,
// each unmet part said in words the learner can act on.
import { tr } from '../i18n';
import type { Hyperparams } from '../network/hyper';
import { PRESETS } from '../network/presets';
import type { NetworkSpec } from '../network/spec';
import type { Challenge } from './challenge';

export interface Attempt {
  spec: NetworkSpec;
  hyper: Pick<Hyperparams, 'epochs'>;
  params: number;
  /** Accuracy of a full test-set evaluation (0..1), or null before one. */
  testAccuracy: number | null;
}

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
/** The dataset as readers know it. */
const datasetLabel = (dataset: Challenge['dataset']) => (dataset === 'mnist' ? 'MNIST' : 'Fashion-MNIST');
const layersOf = (spec: NetworkSpec) => JSON.stringify(spec.layers.map(({ id: _id, ...rest }) => rest));

/** The design is a preset's layers unchanged (ids aside). */
export const isPresetDesign = (spec: NetworkSpec) => PRESETS.some((p) => layersOf(p.spec) === layersOf(spec));

/** The locks the design or training break (empty when none). */
export function brokenLocks(
  challenge: Challenge,
  attempt: Omit<Attempt, 'testAccuracy' | 'params'>,
): string[] {
  const out: string[] = [];
  const { locks = {} } = challenge;
  if (attempt.spec.input.dataset !== challenge.dataset)
    out.push(tr('challenges:lock.dataset', { dataset: datasetLabel(challenge.dataset) }));
  if (locks.epochs !== undefined && attempt.hyper.epochs !== locks.epochs)
    out.push(tr('challenges:lock.epochs', { locked: locks.epochs, set: attempt.hyper.epochs }));
  if (locks.noPreset && isPresetDesign(attempt.spec)) out.push(tr('challenges:lock.preset'));
  if (locks.allowedKinds) {
    const banned = [
      ...new Set(attempt.spec.layers.map((l) => l.kind).filter((k) => !locks.allowedKinds!.includes(k))),
    ];
    if (banned.length) out.push(tr('challenges:lock.banned', { kinds: banned.join(', ') }));
  }
  return out;
}

/** A lock the app holds for the learner: what to put back when the state leaves it, and why in words. */
export type HeldLock = { epochs: number; notice: string } | { dataset: Challenge['dataset']; notice: string };

/** The first held lock (epochs, dataset) the state has left, or null when both hold. */
export function heldLockBroken(
  challenge: Challenge,
  attempt: Omit<Attempt, 'testAccuracy' | 'params'>,
): HeldLock | null {
  const epochs = challenge.locks?.epochs;
  if (epochs !== undefined && attempt.hyper.epochs !== epochs)
    return {
      epochs,
      notice: tr('challenges:lock.epochsBack', { epochs, was: attempt.hyper.epochs }),
    };
  if (attempt.spec.input.dataset !== challenge.dataset)
    return {
      dataset: challenge.dataset,
      notice: tr('challenges:lock.datasetBack', { dataset: datasetLabel(challenge.dataset) }),
    };
  return null;
}

/** Every part of the goal and locks not met yet; met when empty. */
export function unmet(challenge: Challenge, attempt: Attempt): string[] {
  const out = brokenLocks(challenge, attempt);
  const { minTestAccuracy, maxParams } = challenge.goal;
  if (maxParams !== undefined && attempt.params > maxParams)
    out.push(tr('challenges:unmet.params', { n: attempt.params, max: maxParams }));
  if (attempt.testAccuracy === null) out.push(tr('challenges:unmet.noEvaluation'));
  else if (attempt.testAccuracy < minTestAccuracy)
    out.push(
      tr('challenges:unmet.accuracy', {
        accuracy: percent(attempt.testAccuracy),
        goal: percent(minTestAccuracy),
      }),
    );
  return out;
}

export function describeGoal(challenge: Challenge): string {
  const { minTestAccuracy, maxParams } = challenge.goal;
  const words = { accuracy: percent(minTestAccuracy), dataset: datasetLabel(challenge.dataset) };
  return maxParams === undefined
    ? tr('challenges:goal', words)
    : tr('challenges:goalParams', { ...words, max: maxParams });
}

export function describeLocks(challenge: Challenge): string[] {
  const { locks = {} } = challenge;
  const out: string[] = [];
  if (locks.epochs !== undefined) out.push(tr('challenges:locks.epochs', { epochs: locks.epochs }));
  if (locks.noPreset) out.push(tr('challenges:locks.preset'));
  if (locks.allowedKinds) out.push(tr('challenges:locks.allowed', { kinds: locks.allowedKinds.join(', ') }));
  return out;
}
