// What the builder's views share with the rest of the page: which view shows the design (the diagram, or
// the outline of cards), the edge selected on the diagram (palette buttons insert a layer on it), and the
// layer a keyboard connection starts from.
import type { StateCreator } from 'zustand';
import type { AppState } from '../../store/store';

export type BuilderView = 'diagram' | 'outline';

/** An edge of the diagram: `target` reads `source` as its input number `slot`. */
export interface EdgeRef {
  source: string;
  target: string;
  slot: number;
}

export interface DiagramSlice {
  builderView: BuilderView;
  selectedEdge: EdgeRef | null;
  /** The node a connection made with the keyboard starts from (C on a node), until it is made or cancelled. */
  connectFrom: string | null;
  setBuilderView: (view: BuilderView) => void;
  selectEdge: (edge: EdgeRef | null) => void;
  setConnectFrom: (id: string | null) => void;
}

export const createDiagramSlice: StateCreator<AppState, [], [], DiagramSlice> = (set) => ({
  builderView: 'diagram',
  selectedEdge: null,
  connectFrom: null,
  setBuilderView: (builderView) => set({ builderView }),
  selectEdge: (selectedEdge) =>
    set(selectedEdge ? { selectedEdge, selectedLayerId: null } : { selectedEdge }),
  setConnectFrom: (connectFrom) => set({ connectFrom }),
});
