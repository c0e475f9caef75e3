// What the Designs menu does: open a kept design in place of the open one (which is kept in its turn), and
// delete a kept design. Each outcome is one notice; a failure changes nothing.
import { tr } from '../../i18n';
import type { StoreApi } from 'zustand';
import { saveAutosave } from './autosave';
import { deleteKept, readKept, swapWithKept, type ListableStorage } from './designs';
import { savedDesign } from '../store/network-slice';
import type { AppState } from '../store/store';
import { putDesign } from './restore';

type Store = StoreApi<AppState>;

/** Opens the design kept under `key`; the open design is saved first, then kept aside. */
export function openKeptDesign(store: Store, storage: ListableStorage | null, key: string): void {
  const state = store.getState();
  const { setNotice } = state;
  if (!storage) {
    setNotice(tr('ui:designActions.designNotOpenedThis'));
    return;
  }
  const current = { ...savedDesign(state), hyper: state.hyper };
  const saved = saveAutosave(storage, current);
  if (!saved.ok) {
    setNotice(tr('ui:designActions.designNotOpenedYour', { notice: saved.notice }));
    return;
  }
  const swapped = swapWithKept(storage, key, new Date());
  if (!swapped.ok) {
    setNotice(tr('ui:designActions.designNotOpenedNothing', { error: swapped.error }));
    return;
  }
  const { asideKey: _asideKey, ...design } = swapped.value;
  putDesign(store, design);
  setNotice(tr('ui:designActions.openedWasKeptIn', { name: design.spec.name, name2: current.spec.name }));
}

export function deleteKeptDesign(store: Store, storage: ListableStorage | null, key: string): void {
  const { setNotice } = store.getState();
  const kept = storage ? readKept(storage, key) : null;
  const label = kept?.ok
    ? tr('ui:designActions.theKeptDesign', { name: kept.value.spec.name })
    : tr('ui:designActions.theKeptDesign2');
  const deleted = storage !== null && deleteKept(storage, key);
  setNotice(deleted ? `Deleted ${label}.` : tr('ui:designActions.thatDesignIsNo'));
}
