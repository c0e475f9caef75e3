// One store in slices (zustand's pattern): each slice owns its state and the actions that change it.
import { create } from 'zustand';
import { createDiagramSlice, type DiagramSlice } from '../builder/diagram/diagramSlice';
import { createInspectSlice, type InspectSlice } from '../inspect/inspectSlice';
import { createMyDataSlice, type MyDataSlice } from '../mydata/myDataSlice';
import { createMetricsSlice, type MetricsSlice } from './metricsSlice';
import { createNetworkSlice, type NetworkSlice } from './networkSlice';
import { createTrainingSlice, type TrainingSlice } from './trainingSlice';
import { createUiSlice, type UiSlice } from './uiSlice';

export type AppState = NetworkSlice &
  TrainingSlice &
  MetricsSlice &
  UiSlice &
  InspectSlice &
  MyDataSlice &
  DiagramSlice;

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
