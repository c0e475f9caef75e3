// View preferences: theme, presentation mode and the filters of the prediction views.
import type { StateCreator } from 'zustand';
import type { AppState } from './store';

export type Theme = 'light' | 'dark';

/** The panels that open beside the core loop (one at a time). */
export type PanelId = 'summary' | 'hyper' | 'inside' | 'predictions' | 'mydata' | 'generate' | 'dense';

export interface UiSlice {
  theme: Theme;
  presentation: boolean;
  mistakesOnly: boolean;
  /** Selected confusion-matrix cell [true label, predicted label], or null. */
  confusionCell: [number, number] | null;
  /** One-shot message for the status line (share link copied, import refused, ...). */
  notice: string | null;
  /** The open panel of the tab bar, or null when all are closed. */
  panel: PanelId | null;
  setTheme: (theme: Theme) => void;
  togglePresentation: () => void;
  setMistakesOnly: (on: boolean) => void;
  selectConfusionCell: (cell: [number, number] | null) => void;
  setNotice: (notice: string | null) => void;
  openPanel: (panel: PanelId | null) => void;
}

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
