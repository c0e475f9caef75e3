// What the inspect views share with the rest of the page: the digit last drawn on the pad (0..1, 28×28),
// so saliency and feature maps can be shown for it.
import type { StateCreator } from 'zustand';
import type { AppState } from '../store/store';

export interface InspectSlice {
  drawnImage: Float32Array | null;
  setDrawnImage: (image: Float32Array | null) => void;
}

export const createInspectSlice: StateCreator<AppState, [], [], InspectSlice> = (set) => ({
  drawnImage: null,
  setDrawnImage: (drawnImage) => set({ drawnImage }),
});
