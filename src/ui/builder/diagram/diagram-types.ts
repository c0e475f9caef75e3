// The state and actions of the store's diagram slice, as types: they import no slice or store, so the
// store composes the slices without an import cycle.

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
