// The Designs menu's actions on a real store and an in-memory Web Storage.
import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER, presetSpec } from '../../network';
import { AUTOSAVE_KEY, encodeAutosave, loadAutosave, type Design } from '../persistence/autosave';
import { listKeptDesigns, openLinkBeside, type ListableStorage } from '../persistence/designs';
import { createAppStore } from '../store/store';
import { deleteKeptDesign, openKeptDesign } from './designActions';
import { putDesign } from './restore';

class MemoryStorage implements ListableStorage {
  readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const mine: Design = { spec: { ...presetSpec('lenet-5'), name: 'My LeNet' }, hyper: DEFAULT_HYPER };
const linked: Design = { spec: presetSpec('mlp'), hyper: { ...DEFAULT_HYPER, lr: 0.01 } };

/** A link opened over `mine`: the store shows the link's design, `mine` is kept. */
function afterLink() {
  const storage = new MemoryStorage();
  storage.setItem(AUTOSAVE_KEY, encodeAutosave(mine, new Date('2026-01-01T00:00:00Z')));
  const store = createAppStore();
  const { design } = openLinkBeside(storage, loadAutosave(storage), linked, new Date('2026-01-02T00:00:00Z'));
  putDesign(store, design);
  return { storage, store };
}

describe('the Designs menu actions', () => {
  it('Open brings the kept design back, with the edits made since kept in its turn', () => {
    const { storage, store } = afterLink();
    store.getState().insertLayer('ReLU', 0); // an edit not yet autosaved
    const edited = store.getState().spec;
    const [kept] = listKeptDesigns(storage).designs;
    openKeptDesign(store, storage, kept.key);
    expect(store.getState().spec).toEqual(mine.spec);
    expect(store.getState().history.past).toEqual([]);
    expect(store.getState().notice).toBe('Opened "My LeNet". "MLP" was kept in Designs.');
    const [back] = listKeptDesigns(storage).designs;
    openKeptDesign(store, storage, back.key);
    expect(store.getState().spec).toEqual(edited);
  });

  it('a design that is gone changes nothing; Delete says what it deleted', () => {
    const { storage, store } = afterLink();
    const [kept] = listKeptDesigns(storage).designs;
    deleteKeptDesign(store, storage, kept.key);
    expect(store.getState().notice).toBe('Deleted the kept design "My LeNet".');
    const spec = store.getState().spec;
    openKeptDesign(store, storage, kept.key);
    expect(store.getState().notice).toBe(
      'Design not opened: it is no longer kept in this browser. Nothing was changed.',
    );
    expect(store.getState().spec).toBe(spec);
  });
});
