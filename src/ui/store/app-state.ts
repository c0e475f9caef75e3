// The whole store's state: every slice's state and actions. Only types, from the slices' type modules, so a
// slice can read the others (zustand's `get`) and the store can compose the slices without an import cycle.
import type { DiagramSlice } from '../builder/diagram/diagram-types';
import type { InspectSlice } from '../inspect/inspect-types';
import type { MyDataSlice } from '../mydata/my-data-types';
import type { MetricsSlice } from './metrics-types';
import type { NetworkSlice } from './network-types';
import type { TrainingSlice } from './training-types';
import type { UiSlice } from './ui-types';

export type AppState = NetworkSlice &
  TrainingSlice &
  MetricsSlice &
  UiSlice &
  InspectSlice &
  MyDataSlice &
  DiagramSlice;
