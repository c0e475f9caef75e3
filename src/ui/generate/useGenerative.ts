// Folds the worker's generative events into the view state for as long as the component is mounted.
import { useEffect, useReducer } from 'react';
import type { TrainerClient } from '../../training/client';
import { initialView, reduceView, type GenerateView } from './generateState';

export function useGenerative(client: TrainerClient | null): GenerateView {
  const [view, dispatch] = useReducer(reduceView, initialView);
  useEffect(() => client?.on('generative', (e) => dispatch(e.event)), [client]);
  return view;
}
