// The state and actions of the store's inspect slice, as types: they import no slice or store, so the
// store composes the slices without an import cycle.
import type { InspectResult } from '../../training/inspect/types';
import type { NetworkSpec } from '../../network/spec';

export type LayerTimes = Extract<InspectResult, { kind: 'layerTimes' }> & { spec: NetworkSpec };

export interface InspectSlice {
  drawnImage: Float32Array | null;
  /** Per-layer device time for `spec` (stale once the design changes). */
  layerTimes: LayerTimes | null;
  layerTimesError: string | null;
  setDrawnImage: (image: Float32Array | null) => void;
  /** Asks the worker to time every layer of the current model. */
  measureLayerTimes: () => Promise<void>;
}
