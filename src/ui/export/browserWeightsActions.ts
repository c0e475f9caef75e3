// Weights kept in this browser (IndexedDB): keep the trained weights as safetensors bytes under a name,
// list them, load one back through the same check-then-load path as a .safetensors file, delete one.
// Every failure becomes one notice that says what to do and that nothing was changed.
import type { StoreApi } from 'zustand';
import { exportWeights } from '../../network/export';
import type { NetworkSpec } from '../../network/spec';
import { WeightsStorageError, type WeightsEntry, type WeightsStore } from '../persistence/weights';
import type { AppState } from '../store/store';
import { loadWeightBytes, trainedWeights } from './actions';

type Store = StoreApi<AppState>;

const MAX_NAME_CHARS = 100;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
export const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const two = (n: number) => String(n).padStart(2, '0');

/** The default name: the design's name and the local date and time, e.g. "LeNet-5 2026-11-25 10:31:07". */
export function keptName(spec: Pick<NetworkSpec, 'name'>, when: Date): string {
  const stamp =
    `${when.getFullYear()}-${two(when.getMonth() + 1)}-${two(when.getDate())} ` +
    `${two(when.getHours())}:${two(when.getMinutes())}:${two(when.getSeconds())}`;
  const design = spec.name.trim().replace(/\s+/g, ' ') || 'Network';
  return `${design.slice(0, MAX_NAME_CHARS - stamp.length - 1)} ${stamp}`;
}

/** The notice for a storage failure; `bytes` is the size that did not fit, when saving. */
export function storageNotice(error: unknown, bytes?: number): string {
  if (error instanceof WeightsStorageError) {
    if (error.kind === 'quota') {
      const needed = bytes === undefined ? '' : ` (${megabytes(bytes)} needed)`;
      return `Not enough browser storage to keep these weights${needed}. Delete kept weights or export them to a file instead. Nothing was changed.`;
    }
    if (error.kind === 'unavailable')
      return 'This browser does not let the playground keep weights (storage is blocked, as in a private window). Export them to a file instead. Nothing was changed.';
  }
  return `Browser storage failed: ${message(error).replace(/\.$/, '')}. Nothing was changed.`;
}

/**
 * Keeps the trainer's current weights under `name` (the default name when blank). Resolves with the entry
 * kept, or null when nothing was (the notice says why).
 */
export async function keepWeights(
  store: Store,
  kept: WeightsStore,
  name?: string,
): Promise<WeightsEntry | null> {
  const { spec, setNotice } = store.getState();
  let bytes: Uint8Array;
  try {
    bytes = exportWeights(spec, await trainedWeights(store));
  } catch (error) {
    setNotice(`Weights not kept: ${message(error)}. Nothing was changed.`);
    return null;
  }
  const chosen = name?.trim() || keptName(spec, new Date());
  try {
    // IndexedDB keeps an ArrayBuffer; a copy, so the stored value is exactly these bytes.
    const entry = await kept.saveWeights(chosen, bytes.slice().buffer);
    setNotice(`Kept the weights "${entry.name}" in this browser (${megabytes(entry.bytes)}).`);
    return entry;
  } catch (error) {
    setNotice(storageNotice(error, bytes.byteLength));
    return null;
  }
}

/** Loads the weights kept under `name`; a missing entry or a shape mismatch changes nothing. */
export async function loadKeptWeights(store: Store, kept: WeightsStore, name: string): Promise<void> {
  const { setNotice } = store.getState();
  let data: ArrayBuffer | null;
  try {
    data = await kept.loadWeights(name);
  } catch (error) {
    setNotice(storageNotice(error));
    return;
  }
  if (data === null) {
    setNotice(`Weights not loaded: nothing is kept under "${name}" any more. Nothing was changed.`);
    return;
  }
  let warning: string;
  try {
    warning = await loadWeightBytes(store, new Uint8Array(data));
  } catch (error) {
    setNotice(`Weights not loaded: ${message(error)}. Nothing was changed.`);
    return;
  }
  setNotice(`Loaded the kept weights "${name}" into the design.${warning}`);
}

export async function deleteKeptWeights(store: Store, kept: WeightsStore, name: string): Promise<void> {
  const { setNotice } = store.getState();
  try {
    const deleted = await kept.deleteWeights(name);
    setNotice(deleted ? `Deleted the kept weights "${name}".` : `Nothing was kept under "${name}".`);
  } catch (error) {
    setNotice(storageNotice(error));
  }
}

/** The kept entries, newest first; null (and a notice) when the storage cannot be read. */
export async function listKeptWeights(store: Store, kept: WeightsStore): Promise<WeightsEntry[] | null> {
  try {
    return await kept.listWeights();
  } catch (error) {
    store.getState().setNotice(storageNotice(error));
    return null;
  }
}
