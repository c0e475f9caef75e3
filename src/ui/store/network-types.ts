// The state and actions of the store's network slice, as types: they import no slice or store, so the
// store composes the slices without an import cycle.
import { type SpecFix } from '../../network/issues';
import { type DatasetRef, type LayerKind, type NetworkSpec } from '../../network/spec';
import * as edits from './spec-edits';
import { type History } from './history';

/** A design not in the builder, with its own undo history: the GAN's other network. */
export interface SpecSlot {
  spec: NetworkSpec;
  history: History;
  baseline: NetworkSpec;
}

export interface NetworkSlice {
  spec: NetworkSpec;
  /** The GAN network not in the builder (the discriminator while the generator is edited, or the reverse). */
  partner: SpecSlot | null;
  history: History;
  /** The design as last loaded (preset, file or link); edits since then are "unsaved". */
  baseline: NetworkSpec;
  selectedLayerId: string | null;
  /** The last parameter edit: quick repeated edits of one field (typing "120") make one undo step. */
  lastEdit: { key: string; at: number } | null;
  /** Replaces the design as one undoable edit; edits with the same `mergeKey` in quick succession make one
   *  (a node nudged by the arrow keys). */
  editSpec: (next: NetworkSpec, mergeKey?: string) => void;
  /** Loads a new design (preset, link, file): undoable, and it becomes the new baseline. A design that is
   *  not the GAN partner's counterpart drops the partner. */
  loadSpec: (spec: NetworkSpec) => void;
  /** Loads a GAN: the generator into the builder, the discriminator as its partner (fresh histories). */
  loadGan: (generator: NetworkSpec, discriminator: NetworkSpec) => void;
  /** Puts the partner into the builder and the builder's design aside, each keeping its undo history. */
  swapPartner: () => void;
  insertLayer: (kind: LayerKind, index: number) => void;
  moveLayer: (from: number, to: number) => void;
  removeLayer: (id: string) => void;
  duplicateLayer: (id: string) => void;
  setLayerParam: (id: string, param: string, value: edits.ParamValue) => void;
  /** Which layers a layer reads ('input' is the network's input); null: the previous layer. */
  setLayerInputs: (id: string, inputs: string[] | null) => void;
  applyFix: (fix: SpecFix) => void;
  /** A built-in dataset, or the user's own (whose classes then size the output). */
  setDatasetOfSpec: (dataset: DatasetRef) => void;
  undo: () => void;
  redo: () => void;
  selectLayer: (id: string | null) => void;
}
