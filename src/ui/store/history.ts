// Undo/redo as two stacks of whole specs: specs are small plain data, so snapshots are cheap and exact.
import type { NetworkSpec } from '../../network/spec';

export interface History {
  past: NetworkSpec[];
  future: NetworkSpec[];
}

export const HISTORY_LIMIT = 200;

export const emptyHistory = (): History => ({ past: [], future: [] });

/** Records `current` before it is replaced by a new edit; a new edit clears the redo stack. */
export function record(history: History, current: NetworkSpec): History {
  return { past: [...history.past, current].slice(-HISTORY_LIMIT), future: [] };
}

export function undo(history: History, current: NetworkSpec): { history: History; spec: NetworkSpec } | null {
  const previous = history.past.at(-1);
  if (!previous) return null;
  return {
    spec: previous,
    history: { past: history.past.slice(0, -1), future: [current, ...history.future] },
  };
}

export function redo(history: History, current: NetworkSpec): { history: History; spec: NetworkSpec } | null {
  const [next, ...rest] = history.future;
  if (!next) return null;
  return { spec: next, history: { past: [...history.past, current], future: rest } };
}
