// Folds the worker's generative events into the view state for as long as the component is mounted, and
// sends the worker the judge (a digit classifier served with the app) so the views show the digit score.
import { useEffect, useReducer } from 'react';
import type { TrainerClient } from '../../training/client';
import { JUDGE_PATH } from '../../training/generative/judge';
import { initialView, reduceView, type GenerateView } from './generateState';

/** Clients already sent the judge (one fetch per worker, however often the panel mounts). */
const judged = new WeakSet<TrainerClient>();

export function useGenerative(client: TrainerClient | null): GenerateView {
  const [view, dispatch] = useReducer(reduceView, initialView);
  useEffect(() => client?.on('generative', (e) => dispatch(e.event)), [client]);
  useEffect(() => {
    if (!client || judged.has(client)) return;
    judged.add(client);
    // Without the judge the views show no digit score; nothing else depends on it.
    void fetch(new URL(JUDGE_PATH, document.baseURI))
      .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((bytes) => client.generative({ kind: 'setJudge', bytes: new Uint8Array(bytes) }))
      .catch((error: unknown) => console.warn('the digit judge did not load:', error));
  }, [client]);
  return view;
}
