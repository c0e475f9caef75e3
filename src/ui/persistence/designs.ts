// The user's designs in this browser: the open one is the autosave (autosave.ts); the others are kept aside,
// each one localStorage entry under DESIGNS_PREFIX + the time it was kept, so the list is the keys
// themselves and no index can fall out of step with them. A share link opens beside the user's design: that
// design is copied aside first (its autosave text, byte for byte). Open swaps a kept design with the open one.
import type { Parsed } from '../../network';
import {
  AUTOSAVE_KEY,
  decodeAutosave,
  encodeAutosave,
  saveAutosave,
  type AutosaveLoad,
  type Design,
  type KeyValueStorage,
} from './autosave';

export const DESIGNS_PREFIX = 'cnn-playground/designs/v1/';

/** The Web Storage calls the list needs: the autosave's, and walking the keys. */
export type ListableStorage = KeyValueStorage & Pick<Storage, 'key' | 'length'>;

export interface KeptDesign {
  key: string;
  /** The design's own name. */
  name: string;
  /** Its layer count, which tells apart designs of one name (an edited preset and the preset). */
  layers: number;
  /** ISO time it was kept aside. */
  keptAt: string;
}

const QUARANTINE = '.quarantine.';

/** The kept designs, newest first; an entry that cannot be read is listed under `unreadable` by key. */
export function listKeptDesigns(storage: ListableStorage): { designs: KeptDesign[]; unreadable: string[] } {
  const designs: KeptDesign[] = [];
  const unreadable: string[] = [];
  for (const key of keysOf(storage)) {
    const text = storage.getItem(key);
    const read = text === null ? null : decodeAutosave(text);
    if (!read?.ok) {
      unreadable.push(key);
      continue;
    }
    const { spec } = read.value;
    designs.push({
      key,
      name: spec.name,
      layers: spec.layers.length,
      keptAt: key.slice(DESIGNS_PREFIX.length),
    });
  }
  designs.sort((a, b) => b.keptAt.localeCompare(a.keptAt));
  return { designs, unreadable };
}

function keysOf(storage: ListableStorage): string[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(DESIGNS_PREFIX) && !key.includes(QUARANTINE)) keys.push(key);
  }
  return keys;
}

/**
 * Copies `text` (an autosave entry) aside under a new key, unchanged. Returns the key, or why it could not
 * be kept (storage full or blocked): the caller must then not replace the design it came from.
 */
export function keepAside(storage: ListableStorage, text: string, now: Date): Parsed<string> {
  const base = `${DESIGNS_PREFIX}${now.toISOString()}`;
  let key = base;
  for (let n = 2; storage.getItem(key) !== null; n++) key = `${base}.${n}`;
  try {
    storage.setItem(key, text);
  } catch (error) {
    const full = error instanceof DOMException && error.name === 'QuotaExceededError';
    return {
      ok: false,
      error: full
        ? "this browser's storage for the playground is full, so your design could not be kept aside"
        : 'this browser blocked the playground from storing a copy of your design',
    };
  }
  return { ok: true, value: key };
}

/** The design kept under `key`, read through the autosave's strict checks. */
export function readKept(storage: ListableStorage, key: string): Parsed<Design> {
  const text = key.startsWith(DESIGNS_PREFIX) ? storage.getItem(key) : null;
  if (text === null) return { ok: false, error: 'it is no longer kept in this browser' };
  const read = decodeAutosave(text);
  if (!read.ok) return read;
  const { savedAt: _savedAt, ...design } = read.value;
  return { ok: true, value: design };
}

/**
 * Puts the open design (the autosave entry, which the caller has just written) aside and the kept design
 * `key` in its place, in an order that loses nothing if the page dies between two writes: the open design
 * is copied aside first, the kept one is removed last.
 */
export function swapWithKept(
  storage: ListableStorage,
  key: string,
  now: Date,
): Parsed<Design & { asideKey: string | null }> {
  const kept = readKept(storage, key);
  if (!kept.ok) return kept;
  const keptText = storage.getItem(key)!;
  const openText = storage.getItem(AUTOSAVE_KEY);
  let asideKey: string | null = null;
  if (openText !== null) {
    const aside = keepAside(storage, openText, now);
    if (!aside.ok) return aside;
    asideKey = aside.value;
  }
  try {
    storage.setItem(AUTOSAVE_KEY, keptText);
  } catch {
    if (asideKey !== null) storage.removeItem(asideKey);
    return { ok: false, error: "this browser's storage refused the change" };
  }
  storage.removeItem(key);
  return { ok: true, value: { ...kept.value, asideKey } };
}

/** Deletes a kept design; true when there was one. */
export function deleteKept(storage: ListableStorage, key: string): boolean {
  if (!key.startsWith(DESIGNS_PREFIX) || storage.getItem(key) === null) return false;
  storage.removeItem(key);
  return true;
}

const EPOCH = new Date(0);
/** Same design and hyperparameters, whenever each was saved. */
const sameDesign = (a: Design, b: Design) => encodeAutosave(a, EPOCH) === encodeAutosave(b, EPOCH);

/**
 * A share link's design, opened beside the user's own: the autosaved design is kept aside first (its text
 * unchanged), then the link's design becomes the autosave. When it cannot be kept aside, the link is not
 * opened and the user's design stays. A link to the design already open changes nothing.
 */
export function openLinkBeside(
  storage: ListableStorage | null,
  saved: AutosaveLoad,
  link: Design,
  now: Date,
): { design: Design; notice: string | null } {
  if (saved.kind !== 'restored' || !storage) {
    const put = saveAutosave(storage, link, now);
    return { design: link, notice: put.ok || !storage ? null : put.notice };
  }
  if (sameDesign(saved.design, link)) return { design: saved.design, notice: null };
  const text = storage.getItem(AUTOSAVE_KEY) ?? encodeAutosave(saved.design, now);
  const aside = keepAside(storage, text, now);
  if (!aside.ok)
    return {
      design: saved.design,
      notice: `The link's design "${link.spec.name}" was not opened: ${aside.error}. Your design is as you left it.`,
    };
  const put = saveAutosave(storage, link, now);
  const kept = `Opened the link's design "${link.spec.name}". Your design "${saved.design.spec.name}" was kept: open it again from Designs.`;
  return { design: link, notice: put.ok ? kept : `${kept} ${put.notice}` };
}
