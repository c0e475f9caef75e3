// What the Designs menu does: open a kept design in place of the open one (which is kept in its turn), and
// delete a kept design. Each outcome is one notice; a failure changes nothing.
import type { StoreApi } from 'zustand';
import { saveAutosave } from '../persistence/autosave';
import { deleteKept, readKept, swapWithKept, type ListableStorage } from '../persistence/designs';
import { savedDesign } from '../store/networkSlice';
import type { AppState } from '../store/store';
import { putDesign } from './restore';

type Store = StoreApi<AppState>;

/** Opens the design kept under `key`; the open design is saved first, then kept aside. */
export function openKeptDesign(store: Store, storage: ListableStorage | null, key: string): void {
  const state = store.getState();
  const { setNotice } = state;
  if (!storage) {
    setNotice(
      'Design not opened: this browser does not let the playground store designs. Nothing was changed.',
    );
    return;
  }
  const current = { ...savedDesign(state), hyper: state.hyper };
  const saved = saveAutosave(storage, current);
  if (!saved.ok) {
    setNotice(
      `Design not opened: your design could not be saved first (${saved.notice}) Nothing was changed.`,
    );
    return;
  }
  const swapped = swapWithKept(storage, key, new Date());
  if (!swapped.ok) {
    setNotice(`Design not opened: ${swapped.error}. Nothing was changed.`);
    return;
  }
  const { asideKey: _asideKey, ...design } = swapped.value;
  putDesign(store, design);
  setNotice(`Opened "${design.spec.name}". "${current.spec.name}" was kept in Designs.`);
}

export function deleteKeptDesign(store: Store, storage: ListableStorage | null, key: string): void {
  const { setNotice } = store.getState();
  const kept = storage ? readKept(storage, key) : null;
  const label = kept?.ok ? `the kept design "${kept.value.spec.name}"` : 'the kept design';
  const deleted = storage !== null && deleteKept(storage, key);
  setNotice(deleted ? `Deleted ${label}.` : 'That design is no longer kept in this browser.');
}
