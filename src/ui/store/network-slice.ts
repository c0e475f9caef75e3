// The design being built: the spec (single source of truth), its undo/redo history and the selection.
import type { StateCreator } from 'zustand';
import { applyFix } from '../../network/issues';
import { isUserDataset } from '../../network/dataset-input';
import { builtinFor, switchDataset } from '../../network/dataset-switch';
import { emptySpec, type NetworkSpec } from '../../network/spec';
import { inputOf } from '../mydata/my-data';
import * as edits from './spec-edits';
import { emptyHistory, record, redo, undo } from './history';
import type { NetworkSlice } from './network-types';
export type { SpecSlot, NetworkSlice } from './network-types';
import type { AppState } from './app-state';

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
      // The user's data may have changed shape since the design took it: the design then follows it.
      const current =
        !isUserDataset(dataset) || !myData || myData.id !== dataset
          ? true
          : spec.input.shape.join('×') === myData.shape.join('×');
      if (spec.input.dataset === dataset && current) return;
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
