// One store in slices (zustand's pattern): each slice owns its state and the actions that change it.
import { create } from 'zustand';
import { createDiagramSlice } from '../builder/diagram/diagram-slice';
import { createInspectSlice } from '../inspect/inspect-slice';
import { createMyDataSlice } from '../mydata/my-data-slice';
import type { AppState } from './app-state';
import { createMetricsSlice } from './metrics-slice';
import { createNetworkSlice } from './network-slice';
import { createTrainingSlice } from './training-slice';
import { createUiSlice } from './ui-slice';

export type { AppState } from './app-state';

export const createAppStore = () =>
  create<AppState>()((...a) => ({
    ...createNetworkSlice(...a),
    ...createTrainingSlice(...a),
    ...createMetricsSlice(...a),
    ...createUiSlice(...a),
    ...createInspectSlice(...a),
    ...createMyDataSlice(...a),
    ...createDiagramSlice(...a),
  }));

export const useStore = createAppStore();
