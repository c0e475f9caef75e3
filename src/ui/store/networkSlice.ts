// The design being built: the spec (single source of truth), its undo/redo history and the selection.
import type { StateCreator } from 'zustand';
import { applyFix, type SpecFix } from '../../network/issues';
import { isUserDataset } from '../../network/dataset-input';
import { builtinFor, switchDataset } from '../../network/dataset-switch';
import { emptySpec, type DatasetRef, type LayerKind, type NetworkSpec } from '../../network/spec';
import { inputOf } from '../mydata/myData';
import * as edits from './specEdits';
import { emptyHistory, record, redo, undo, type History } from './history';
import type { AppState } from './store';

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

const COALESCE_MS = 1500;

const isGanPair = (a: NetworkSpec, b: NetworkSpec) =>
  (a.task === 'generator' && b.task === 'discriminator') ||
  (a.task === 'discriminator' && b.task === 'generator');

/** The design to save or share: a GAN as its generator plus `discriminator`, whichever tab is open. */
export function savedDesign(s: Pick<NetworkSlice, 'spec' | 'partner'>): {
  spec: NetworkSpec;
  discriminator?: NetworkSpec;
} {
  const other = s.partner?.spec;
  if (!other || !isGanPair(s.spec, other)) return { spec: s.spec };
  return s.spec.task === 'generator'
    ? { spec: s.spec, discriminator: other }
    : { spec: other, discriminator: s.spec };
}

export const hasUnsavedEdits = (s: Pick<NetworkSlice, 'spec' | 'baseline'>) =>
  JSON.stringify(s.spec) !== JSON.stringify(s.baseline);

export const createNetworkSlice: StateCreator<AppState, [], [], NetworkSlice> = (set, get) => {
  const edit = (next: NetworkSpec, key: string | null = null) => {
    const { spec, history, lastEdit } = get();
    if (next === spec) return;
    const now = Date.now();
    const merge = key !== null && lastEdit?.key === key && now - lastEdit.at < COALESCE_MS;
    set({
      spec: next,
      history: merge ? history : record(history, spec),
      lastEdit: key === null ? null : { key, at: now },
    });
  };
  const initial = emptySpec();
  return {
    spec: initial,
    partner: null,
    history: emptyHistory(),
    baseline: initial,
    selectedLayerId: null,
    lastEdit: null,
    editSpec: (next, mergeKey) => edit(next, mergeKey ?? null),
    loadSpec: (spec) => {
      edit(spec);
      const partner = get().partner;
      set({
        baseline: spec,
        selectedLayerId: null,
        partner: partner && isGanPair(spec, partner.spec) ? partner : null,
      });
    },
    loadGan: (generator, discriminator) => {
      edit(generator);
      set({
        baseline: generator,
        selectedLayerId: null,
        partner: { spec: discriminator, history: emptyHistory(), baseline: discriminator },
      });
    },
    swapPartner: () => {
      const { spec, history, baseline, partner } = get();
      if (!partner) return;
      set({
        ...partner,
        partner: { spec, history, baseline },
        selectedLayerId: null,
        lastEdit: null,
      });
    },
    insertLayer: (kind, index) => {
      const next = edits.insertLayer(get().spec, kind, index);
      edit(next);
      set({ selectedLayerId: next.layers[Math.max(0, Math.min(index, next.layers.length - 1))].id });
    },
    moveLayer: (from, to) => edit(edits.moveLayer(get().spec, from, to)),
    removeLayer: (id) => {
      edit(edits.removeLayer(get().spec, id));
      if (get().selectedLayerId === id) set({ selectedLayerId: null });
    },
    duplicateLayer: (id) => edit(edits.duplicateLayer(get().spec, id)),
    setLayerParam: (id, param, value) =>
      edit(edits.setLayerParam(get().spec, id, param, value), `${id}.${param}`),
    setLayerInputs: (id, inputs) => edit(edits.setLayerInputs(get().spec, id, inputs)),
    applyFix: (fix) => edit(applyFix(get().spec, fix)),
    setDatasetOfSpec: (dataset) => {
      const { spec, myData } = get();
      if (spec.input.dataset === dataset) return;
      if (!isUserDataset(dataset)) edit(switchDataset(spec, builtinFor(spec, dataset)));
      else if (myData?.id === dataset) edit(switchDataset(spec, inputOf(myData)));
    },
    undo: () => {
      const r = undo(get().history, get().spec);
      if (r) set({ spec: r.spec, history: r.history, lastEdit: null });
    },
    redo: () => {
      const r = redo(get().history, get().spec);
      if (r) set({ spec: r.spec, history: r.history, lastEdit: null });
    },
    // A selected layer and a selected diagram edge exclude each other: the palette acts on one.
    selectLayer: (selectedLayerId) =>
      set(selectedLayerId === null ? { selectedLayerId } : { selectedLayerId, selectedEdge: null }),
  };
};
