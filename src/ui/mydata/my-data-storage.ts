// The user's dataset kept in IndexedDB (through `idb`), one record per dataset, so closing the tab loses
// nothing. A record read back is checked example by example: a damaged or foreign one is refused whole.
import { tr } from '../../i18n';
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { isUserDataset } from '../../network/dataset-input';
import { GREY_28, isImageShape, pixelsOf } from './image-shape';
import { MAX_EXAMPLES_PER_CLASS, type MyData } from './my-data';

const DB_NAME = 'cnn-playground-datasets';
const STORE = 'datasets';

interface DatasetsSchema extends DBSchema {
  /** `unknown`: another version or a damaged profile may have put anything here. */
  [STORE]: { key: string; value: unknown };
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

export const storedBytes = (data: MyData) =>
  data.classes.reduce(
    (n, c) => n + c.examples.length * pixelsOf(data.shape) + c.name.length,
    data.name.length,
  );

/** A stored record as MyData, or null when any part of it is not what the playground writes. */
export function readMyData(raw: unknown): MyData | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.id !== 'string' || !isUserDataset(r.id) || typeof r.name !== 'string') return null;
  if (!Array.isArray(r.classes)) return null;
  // Records kept before colour and sizes came in are 28×28 grey.
  const shape = r.shape === undefined ? GREY_28 : isImageShape(r.shape) ? r.shape : null;
  if (!shape) return null;
  const pixels = pixelsOf(shape);
  const classes = [];
  for (const c of r.classes as unknown[]) {
    if (typeof c !== 'object' || c === null) return null;
    const { name, examples } = c as Record<string, unknown>;
    if (typeof name !== 'string' || !Array.isArray(examples) || examples.length > MAX_EXAMPLES_PER_CLASS)
      return null;
    if (!examples.every((e) => e instanceof Uint8Array && e.length === pixels)) return null;
    classes.push({ name, examples: examples as Uint8Array[] });
  }
  return { id: r.id, name: r.name, shape: [shape[0], shape[1], shape[2]], classes };
}

let db: Promise<IDBPDatabase<DatasetsSchema>> | null = null;
function database(): Promise<IDBPDatabase<DatasetsSchema>> {
  if (typeof indexedDB === 'undefined')
    return Promise.reject(new Error(tr('ui:myDataStorage.thisBrowserDoesNot')));
  db ??= openDB<DatasetsSchema>(DB_NAME, 1, {
    upgrade(d) {
      d.createObjectStore(STORE);
    },
  });
  return db;
}

/** How a dataset is written and the room measured: IndexedDB and navigator.storage in the browser. */
export interface DatasetStore {
  put(data: MyData): Promise<void>;
  estimate(): Promise<StorageUse | null>;
}

const browserStore: DatasetStore = {
  put: async (data) => void (await (await database()).put(STORE, data, data.id)),
  estimate: () => storageUse(),
};

/** Bytes each dataset took when it was last written or read, so a save asks room only for what it adds. */
const keptBytes = new Map<string, number>();

const freeOf = (use: StorageUse) => Math.max(0, use.quota - use.usage);
const noRoom = (name: string, needed: number, free: number) =>
  tr('ui:myDataStorage.noRoom', { name, needed: megabytes(needed), free: megabytes(free) });

/** Why `needed` more bytes will not fit where `use` says what is free, or null when they will (or none is known). */
export function roomProblem(name: string, needed: number, use: StorageUse | null): string | null {
  if (!use || needed <= 0) return null;
  return needed > freeOf(use) ? noRoom(name, needed, freeOf(use)) : null;
}

/**
 * Writes the whole dataset once the browser's estimate says it fits; when it will not (or the write meets
 * the quota anyway) the message says how much is needed and how much is free, and nothing is lost: the
 * examples stay in the page's store and the copy saved before stays in IndexedDB.
 */
export async function saveMyData(data: MyData, store: DatasetStore = browserStore): Promise<void> {
  const bytes = storedBytes(data);
  const needed = bytes - (keptBytes.get(data.id) ?? 0);
  const estimate = () => store.estimate().catch(() => null);
  const before = roomProblem(data.name, needed, await estimate());
  if (before) throw new Error(before);
  try {
    await store.put(data);
    keptBytes.set(data.id, bytes);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'QuotaExceededError') {
      // The estimate is the browser's guess; the write, which holds the whole record, is its answer.
      const use = await estimate();
      throw new Error(noRoom(data.name, bytes, use ? freeOf(use) : 0), { cause: error });
    }
    throw new Error(
      tr('ui:myDataStorage.couldNotKeepYour', {
        value: error instanceof Error ? error.message : String(error),
      }),
      {
        cause: error,
      },
    );
  }
}

/** The kept datasets that read back whole (a damaged one is left out). */
export async function loadMyData(): Promise<MyData[]> {
  const all = await (await database()).getAll(STORE);
  const read = all.map(readMyData).filter((d): d is MyData => d !== null);
  for (const d of read) keptBytes.set(d.id, storedBytes(d));
  return read;
}

/** What the browser says this site's storage holds and may hold, in bytes. */
export interface StorageUse {
  usage: number;
  quota: number;
}

/** The browser's estimate of this site's storage (navigator.storage), or null where it gives none. */
export async function storageUse(): Promise<StorageUse | null> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.estimate) return null;
  const { usage, quota } = await storage.estimate();
  return typeof usage === 'number' && typeof quota === 'number' && quota > 0 ? { usage, quota } : null;
}

/** Above this share of the quota the panel warns before a save fails. */
const NEARLY_FULL = 0.9;

/** The storage used and free, in words, with a warning when it is nearly full. */
export function storageWords({ usage, quota }: StorageUse): string {
  const words = tr('ui:myDataStorage.quota', {
    used: megabytes(usage),
    free: megabytes(Math.max(0, quota - usage)),
  });
  return usage / quota > NEARLY_FULL ? `${words} ${tr('ui:myDataStorage.nearlyFull')}` : words;
}
