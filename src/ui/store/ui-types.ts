// The state and actions of the store's ui slice, as types: they import no slice or store, so the
// store composes the slices without an import cycle.

export type Theme = 'light' | 'dark';

export interface UiSlice {
  theme: Theme;
  presentation: boolean;
  mistakesOnly: boolean;
  /** Selected confusion-matrix cell [true label, predicted label], or null. */
  confusionCell: [number, number] | null;
  /** One-shot message for the status line (share link copied, import refused, ...). */
  notice: string | null;
  setTheme: (theme: Theme) => void;
  togglePresentation: () => void;
  setMistakesOnly: (on: boolean) => void;
  selectConfusionCell: (cell: [number, number] | null) => void;
  setNotice: (notice: string | null) => void;
}
