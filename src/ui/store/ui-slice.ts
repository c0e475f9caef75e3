// View preferences: theme, presentation mode and the filters of the prediction views.
import type { StateCreator } from 'zustand';
import type { Theme, UiSlice } from './ui-types';
export type { PanelId, Theme, UiSlice } from './ui-types';
import type { AppState } from './app-state';

function preferredTheme(): Theme {
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  theme: preferredTheme(),
  presentation: false,
  mistakesOnly: false,
  confusionCell: null,
  notice: null,
  panel: null,
  setTheme: (theme) => set({ theme }),
  togglePresentation: () => set((s) => ({ presentation: !s.presentation })),
  setMistakesOnly: (mistakesOnly) => set({ mistakesOnly }),
  selectConfusionCell: (confusionCell) => set({ confusionCell }),
  setNotice: (notice) => set({ notice }),
  openPanel: (panel) => set({ panel }),
});
