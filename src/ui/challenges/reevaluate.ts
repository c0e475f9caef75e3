// Re-evaluating a handed-in result in this browser: its design goes into the builder, its weights into
// the trainer (the same checked path as a weights file), and the whole test set is evaluated through the
// trainer client; the accuracy it measures is what the leaderboard trusts.
import type { StoreApi } from 'zustand';
import type { ReadResult } from '../../challenges/result';
import { loadWeightBytes } from '../export/actions';
import type { AppState } from '../store/store';

type Store = StoreApi<AppState>;

/** Resolves with the first value `pick` finds in the store (now or later); rejects when `fail` says why. */
function when<T>(
  store: Store,
  pick: (s: AppState) => T | null,
  fail: (s: AppState) => string | null,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const settle = (s: AppState) => {
      const failed = fail(s);
      const value = failed === null ? pick(s) : null;
      if (failed === null && value === null) return false;
      if (failed !== null) reject(new Error(failed));
      else resolve(value as T);
      return true;
    };
    if (settle(store.getState())) return;
    const stop = store.subscribe((s) => {
      if (settle(s)) stop();
    });
  });
}

/** The test accuracy of the result's design and weights, measured here. */
export async function reevaluate(store: Store, read: ReadResult): Promise<number> {
  const { design } = read.result;
  if (!store.getState().client) throw new Error('the trainer has not started yet');
  store.getState().loadSpec(design);
  await when(
    store,
    (s) => (s.dataset.id === design.input.dataset && s.dataset.phase === 'ready' ? true : null),
    (s) => (s.dataset.phase === 'error' ? `the dataset did not load: ${s.dataset.message}` : null),
  );
  await loadWeightBytes(store, read.weights);
  const before = store.getState().evaluation;
  const measured = when(
    store,
    (s) => (s.evaluation !== null && s.evaluation !== before ? s.evaluation : null),
    () => null,
  );
  store.getState().evaluate();
  return (await measured).testAccuracy;
}
