// What the inspect views share with the rest of the page: the digit last drawn on the pad (0..1, 28×28),
// so saliency and feature maps can be shown for it, and the last per-layer GPU time measurement, shown
// in the model summary.
import type { StateCreator } from 'zustand';
import type { InspectSlice } from './inspect-types';
export type { LayerTimes, InspectSlice } from './inspect-types';
import type { AppState } from '../store/app-state';

export const createInspectSlice: StateCreator<AppState, [], [], InspectSlice> = (set, get) => ({
  drawnImage: null,
  layerTimes: null,
  layerTimesError: null,
  setDrawnImage: (drawnImage) => set({ drawnImage }),
  measureLayerTimes: async () => {
    const { client, spec } = get();
    if (!client) return;
    try {
      const result = await client.inspect({ kind: 'layerTimes' });
      set({ layerTimes: { ...result, spec }, layerTimesError: null });
    } catch (error) {
      set({ layerTimesError: error instanceof Error ? error.message : String(error) });
    }
  },
});
