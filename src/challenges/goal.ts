// Whether a design, its training and its measured result meet a challenge: the goal and every lock,
// each unmet part said in words the learner can act on.
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
  if (attempt.spec.input.dataset !== challenge.dataset) out.push(`the challenge is on ${challenge.dataset}`);
  if (locks.epochs !== undefined && attempt.hyper.epochs !== locks.epochs)
    out.push(`epochs are locked at ${locks.epochs} (set to ${attempt.hyper.epochs})`);
  if (locks.noPreset && isPresetDesign(attempt.spec))
    out.push('an unchanged preset is not allowed: make the design your own');
  if (locks.allowedKinds) {
    const banned = [
      ...new Set(attempt.spec.layers.map((l) => l.kind).filter((k) => !locks.allowedKinds!.includes(k))),
    ];
    if (banned.length) out.push(`layers not allowed here: ${banned.join(', ')}`);
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
      notice: `The challenge locks the epochs at ${epochs}: put back from ${attempt.hyper.epochs}.`,
    };
  if (attempt.spec.input.dataset !== challenge.dataset)
    return {
      dataset: challenge.dataset,
      notice: `The challenge is on ${challenge.dataset}: the dataset is put back.`,
    };
  return null;
}

/** Every part of the goal and locks not met yet; met when empty. */
export function unmet(challenge: Challenge, attempt: Attempt): string[] {
  const out = brokenLocks(challenge, attempt);
  const { minTestAccuracy, maxParams } = challenge.goal;
  if (maxParams !== undefined && attempt.params > maxParams)
    out.push(
      `${attempt.params.toLocaleString('en')} parameters, more than ${maxParams.toLocaleString('en')}`,
    );
  if (attempt.testAccuracy === null) out.push('no full test-set evaluation yet: press Evaluate');
  else if (attempt.testAccuracy < minTestAccuracy)
    out.push(`test accuracy ${percent(attempt.testAccuracy)}, below ${percent(minTestAccuracy)}`);
  return out;
}

export function describeGoal(challenge: Challenge): string {
  const { minTestAccuracy, maxParams } = challenge.goal;
  const params = maxParams === undefined ? '' : ` with at most ${maxParams.toLocaleString('en')} parameters`;
  return `At least ${percent(minTestAccuracy)} test accuracy on ${challenge.dataset === 'mnist' ? 'MNIST' : 'Fashion-MNIST'}${params}.`;
}

export function describeLocks(challenge: Challenge): string[] {
  const { locks = {} } = challenge;
  const out: string[] = [];
  if (locks.epochs !== undefined) out.push(`Epochs fixed at ${locks.epochs}.`);
  if (locks.noPreset) out.push('No unchanged preset: the design must be your own.');
  if (locks.allowedKinds) out.push(`Allowed layers: ${locks.allowedKinds.join(', ')}.`);
  return out;
}
