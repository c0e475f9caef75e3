// What the builder's views share with the rest of the page: which view shows the design (the diagram, or
// the outline of cards), the edge selected on the diagram (palette buttons insert a layer on it), and the
// layer a keyboard connection starts from.
import type { StateCreator } from 'zustand';
import type { AppState } from '../../store/app-state';
import type { DiagramSlice } from './diagram-types';

export type { BuilderView, DiagramSlice, EdgeRef } from './diagram-types';

export const createDiagramSlice: StateCreator<AppState, [], [], DiagramSlice> = (set) => ({
  builderView: 'diagram',
  selectedEdge: null,
  connectFrom: null,
  setBuilderView: (builderView) => set({ builderView }),
  selectEdge: (selectedEdge) =>
    set(selectedEdge ? { selectedEdge, selectedLayerId: null } : { selectedEdge }),
  setConnectFrom: (connectFrom) => set({ connectFrom }),
});
