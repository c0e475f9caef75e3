// The state and actions of the store's ui slice, as types: they import no slice or store, so the
// store composes the slices without an import cycle.

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
