// One store in slices (zustand's pattern): each slice owns its state and the actions that change it.
import { create } from 'zustand';
import { createInspectSlice } from '../inspect/inspectSlice';
import { createMyDataSlice } from '../mydata/myDataSlice';
import type { AppState } from './app-state';
import { createMetricsSlice } from './metricsSlice';
import { createNetworkSlice } from './networkSlice';
import { createTrainingSlice } from './trainingSlice';
import { createUiSlice } from './uiSlice';

export type { AppState } from './app-state';

export const createAppStore = () =>
  create<AppState>()((...a) => ({
    ...createNetworkSlice(...a),
    ...createTrainingSlice(...a),
    ...createMetricsSlice(...a),
    ...createUiSlice(...a),
    ...createInspectSlice(...a),
    ...createMyDataSlice(...a),
  }));

export const useStore = createAppStore();
