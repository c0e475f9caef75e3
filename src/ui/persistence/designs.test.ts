import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER, presetSpec } from '../../network';
import { AUTOSAVE_KEY, encodeAutosave, loadAutosave, type Design } from './autosave';
import {
  DESIGNS_PREFIX,
  deleteKept,
  listKeptDesigns,
  openLinkBeside,
  swapWithKept,
  type ListableStorage,
} from './designs';

/** Web Storage in memory, with an optional size limit that throws the browser's QuotaExceededError. */
class MemoryStorage implements ListableStorage {
  readonly items = new Map<string, string>();
  constructor(public maxChars = Infinity) {}
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
    let used = key.length + value.length;
    for (const [k, v] of this.items) if (k !== key) used += k.length + v.length;
    if (used > this.maxChars) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const T0 = new Date('2026-11-25T09:00:00.000Z');
const T1 = new Date('2026-11-25T10:00:00.000Z');
const T2 = new Date('2026-11-25T11:00:00.000Z');
const mine: Design = {
  spec: { ...presetSpec('lenet-5'), name: 'My LeNet' },
  hyper: { ...DEFAULT_HYPER, seed: 7 },
};
const linked: Design = { spec: presetSpec('mlp'), hyper: { ...DEFAULT_HYPER, lr: 0.01 } };

/** A browser whose autosave holds `mine`, saved at T0. */
function withMine(maxChars = Infinity) {
  const storage = new MemoryStorage(maxChars);
  storage.setItem(AUTOSAVE_KEY, encodeAutosave(mine, T0));
  return storage;
}

describe('a share link opens beside the user design', () => {
  it('keeps the autosaved design aside byte for byte, and the link becomes the open design', () => {
    const storage = withMine();
    const before = storage.getItem(AUTOSAVE_KEY);
    const opened = openLinkBeside(storage, loadAutosave(storage, T1), linked, T1);
    expect(opened.design).toEqual(linked);
    expect(opened.notice).toBe(
      'Opened the link\'s design "MLP". Your design "My LeNet" was kept: open it again from Designs.',
    );
    expect(storage.getItem(`${DESIGNS_PREFIX}${T1.toISOString()}`)).toBe(before);
    expect(listKeptDesigns(storage)).toEqual({
      designs: [
        {
          key: `${DESIGNS_PREFIX}${T1.toISOString()}`,
          name: 'My LeNet',
          layers: 12,
          keptAt: T1.toISOString(),
        },
      ],
      unreadable: [],
    });
    const reopened = loadAutosave(storage, T2);
    expect(reopened.kind === 'restored' && reopened.design).toEqual(linked);
  });

  it('a link to the design already open keeps nothing aside and says nothing', () => {
    const storage = withMine();
    const opened = openLinkBeside(storage, loadAutosave(storage, T1), mine, T1);
    expect(opened).toEqual({ design: mine, notice: null });
    expect(listKeptDesigns(storage).designs).toEqual([]);
  });

  it('on a first visit the link is simply the design, autosaved', () => {
    const storage = new MemoryStorage();
    const opened = openLinkBeside(storage, loadAutosave(storage, T1), linked, T1);
    expect(opened).toEqual({ design: linked, notice: null });
    expect(storage.items.size).toBe(1);
    const saved = loadAutosave(storage, T2);
    expect(saved.kind === 'restored' && saved.design).toEqual(linked);
  });

  it('when there is no room to keep the design aside, the link is not opened and nothing changes', () => {
    const storage = withMine();
    storage.maxChars = [...storage.items].reduce((n, [k, v]) => n + k.length + v.length, 0) + 10;
    const before = new Map(storage.items);
    const opened = openLinkBeside(storage, loadAutosave(storage, T1), linked, T1);
    expect(opened.design).toEqual(mine);
    expect(opened.notice).toBe(
      'The link\'s design "MLP" was not opened: this browser\'s storage for the playground is full, so your design could not be kept aside. Your design is as you left it.',
    );
    expect(storage.items).toEqual(before);
  });
});

describe('kept designs', () => {
  it('Open swaps a kept design with the open one; each is kept byte for byte', () => {
    const storage = withMine();
    openLinkBeside(storage, loadAutosave(storage, T1), linked, T1);
    const keptKey = `${DESIGNS_PREFIX}${T1.toISOString()}`;
    const keptText = storage.getItem(keptKey);
    const openText = storage.getItem(AUTOSAVE_KEY);
    const swapped = swapWithKept(storage, keptKey, T2);
    expect(swapped.ok && swapped.value.spec).toEqual(mine.spec);
    expect(storage.getItem(AUTOSAVE_KEY)).toBe(keptText);
    expect(storage.getItem(keptKey)).toBeNull();
    const aside = `${DESIGNS_PREFIX}${T2.toISOString()}`;
    expect(swapped.ok && swapped.value.asideKey).toBe(aside);
    expect(storage.getItem(aside)).toBe(openText);
    expect(listKeptDesigns(storage).designs.map((d) => d.name)).toEqual(['MLP']);
  });

  it('lists newest first, names unreadable entries, skips quarantined ones, and deletes', () => {
    const storage = new MemoryStorage();
    storage.setItem(`${DESIGNS_PREFIX}${T0.toISOString()}`, encodeAutosave(mine, T0));
    storage.setItem(`${DESIGNS_PREFIX}${T2.toISOString()}`, encodeAutosave(linked, T2));
    storage.setItem(`${DESIGNS_PREFIX}${T1.toISOString()}`, '{"format":');
    storage.setItem(`${DESIGNS_PREFIX}x.quarantine.${T1.toISOString()}`, 'damaged');
    const list = listKeptDesigns(storage);
    expect(list.designs.map((d) => [d.name, d.keptAt])).toEqual([
      ['MLP', T2.toISOString()],
      ['My LeNet', T0.toISOString()],
    ]);
    expect(list.unreadable).toEqual([`${DESIGNS_PREFIX}${T1.toISOString()}`]);
    // An unreadable entry is not opened and not lost.
    const refused = swapWithKept(storage, `${DESIGNS_PREFIX}${T1.toISOString()}`, T2);
    expect(refused.ok).toBe(false);
    expect(storage.getItem(`${DESIGNS_PREFIX}${T1.toISOString()}`)).toBe('{"format":');
    expect(deleteKept(storage, `${DESIGNS_PREFIX}${T0.toISOString()}`)).toBe(true);
    expect(deleteKept(storage, `${DESIGNS_PREFIX}${T0.toISOString()}`)).toBe(false);
    expect(deleteKept(storage, AUTOSAVE_KEY)).toBe(false);
    expect(storage.getItem(AUTOSAVE_KEY)).toBeNull();
  });
});
