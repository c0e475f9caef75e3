// Folds the worker's dense events into the panel's state for as long as the component is mounted.
import { useEffect, useReducer } from 'react';
import type { TrainerClient } from '../../training/client';
import { initialDenseView, reduceDense, type DenseView } from './denseState';

export function useDense(client: TrainerClient | null): DenseView {
  const [view, dispatch] = useReducer(reduceDense, initialDenseView);
  useEffect(() => client?.on('dense', (e) => dispatch(e.event)), [client]);
  return view;
}
