// One store in slices (zustand's pattern): each slice owns its state and the actions that change it.
import { create } from 'zustand';
import { createTrainingSlice, type TrainingSlice } from './trainingSlice';
import { createUiSlice, type UiSlice } from './uiSlice';

export type AppState = TrainingSlice & UiSlice;

export const useStore = create<AppState>()((...a) => ({
  ...createTrainingSlice(...a),
  ...createUiSlice(...a),
}));
