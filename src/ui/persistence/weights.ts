// Trained weights kept in IndexedDB under a name, through the `idb` library: two object stores, one of
// sizes and dates (listed without reading any weights) and one of the bytes. Both are written in a single
// transaction, so a save that fails (a full disk, a quota) changes nothing, the older copy included.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export const WEIGHTS_DB_NAME = 'cnn-playground';
const DB_VERSION = 1;
const INDEX_STORE = 'weights-index';
const DATA_STORE = 'weights-data';
const MAX_NAME_CHARS = 100;

export interface WeightsEntry {
  name: string;
  bytes: number;
  /** ISO time of the save. */
  savedAt: string;
}

interface WeightsSchema extends DBSchema {
  [INDEX_STORE]: { key: string; value: WeightsEntry };
  /** Bytes as saved; `unknown` because another version or a damaged profile may have put anything here. */
  [DATA_STORE]: { key: string; value: unknown };
}

type Database = IDBPDatabase<WeightsSchema>;

export type WeightsErrorKind = 'quota' | 'unavailable' | 'invalid-name' | 'failed';

/** A failure with a message fit for the user; `kind` lets the caller offer the right way out. */
export class WeightsStorageError extends Error {
  override readonly name = 'WeightsStorageError';
  constructor(
    readonly kind: WeightsErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface WeightsStore {
  saveWeights(name: string, data: ArrayBuffer): Promise<WeightsEntry>;
  /** The saved bytes, or null when nothing is saved under that name. */
  loadWeights(name: string): Promise<ArrayBuffer | null>;
  /** Every saved entry, newest first. */
  listWeights(): Promise<WeightsEntry[]>;
  /** True when something was deleted. */
  deleteWeights(name: string): Promise<boolean>;
  close(): void;
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function checkName(name: string): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (trimmed === '' || trimmed.length > MAX_NAME_CHARS)
    throw new WeightsStorageError(
      'invalid-name',
      `A name for saved weights needs 1 to ${MAX_NAME_CHARS} characters.`,
    );
  return trimmed;
}

function unavailable(cause?: unknown): WeightsStorageError {
  return new WeightsStorageError(
    'unavailable',
    'This browser does not let the playground keep trained weights (IndexedDB is unavailable or blocked).',
    { cause },
  );
}

/** Turns a transaction's error into a message; a quota error says what to do and that nothing was lost. */
function failure(error: unknown, doing: string, name: string | null, bytes?: number): WeightsStorageError {
  if (error instanceof WeightsStorageError) return error;
  const dom = error instanceof DOMException ? error : null;
  if (dom?.name === 'QuotaExceededError') {
    const size = bytes === undefined ? '' : ` (${megabytes(bytes)})`;
    return new WeightsStorageError(
      'quota',
      `There is no room left in this browser's storage to keep the weights "${name ?? ''}"${size}. Delete saved weights you no longer need, or allow this site more storage; nothing saved before was changed.`,
      { cause: error },
    );
  }
  const detail = dom
    ? `${dom.name}: ${dom.message}`
    : error instanceof Error
      ? error.message
      : 'the browser gave no reason';
  const what = name === null ? 'the saved weights' : `the weights "${name}"`;
  return new WeightsStorageError('failed', `Could not ${doing} ${what} (${detail}).`, { cause: error });
}

function openDatabase(dbName: string, onClosed: () => void): Promise<Database> {
  if (typeof indexedDB === 'undefined') return Promise.reject(unavailable());
  return new Promise((resolve, reject) => {
    let refused = false;
    openDB<WeightsSchema>(dbName, DB_VERSION, {
      upgrade(db) {
        if (!db.objectStoreNames.contains(INDEX_STORE))
          db.createObjectStore(INDEX_STORE, { keyPath: 'name' });
        if (!db.objectStoreNames.contains(DATA_STORE)) db.createObjectStore(DATA_STORE);
      },
      // A tab of another version holds the database open: say so rather than wait for it.
      blocked() {
        refused = true;
        reject(unavailable(new Error('the database is held open by an older tab')));
      },
      // Another tab upgrading the database waits for this connection to close; the next call reopens.
      blocking(_current, _next, event) {
        (event.target as IDBDatabase).close();
        onClosed();
      },
      // The browser closed the connection (storage cleared, a disk error): the next call reopens.
      terminated: onClosed,
    }).then(
      (db) => (refused ? db.close() : resolve(db)),
      (error: unknown) => reject(unavailable(error)),
    );
  });
}

export function openWeightsStore(dbName = WEIGHTS_DB_NAME): WeightsStore {
  let opened: Promise<Database> | null = null;
  const forget = () => {
    opened = null;
  };
  const db = () => {
    opened ??= openDatabase(dbName, forget).catch((error: unknown) => {
      opened = null; // let a later call try again
      throw error;
    });
    return opened;
  };
  return {
    async saveWeights(name, data) {
      const key = checkName(name);
      if (!(data instanceof ArrayBuffer))
        throw new WeightsStorageError('failed', `The weights "${key}" are not an ArrayBuffer.`);
      const entry: WeightsEntry = { name: key, bytes: data.byteLength, savedAt: new Date().toISOString() };
      try {
        const tx = (await db()).transaction([INDEX_STORE, DATA_STORE], 'readwrite');
        // Every request is awaited with the commit, so a failed one is handled and reported once.
        await Promise.all([
          tx.objectStore(DATA_STORE).put(data, key),
          tx.objectStore(INDEX_STORE).put(entry),
          tx.done,
        ]);
        return entry;
      } catch (error) {
        throw failure(error, 'save', key, data.byteLength);
      }
    },
    async loadWeights(name) {
      const key = checkName(name);
      let value: unknown;
      try {
        value = await (await db()).get(DATA_STORE, key);
      } catch (error) {
        throw failure(error, 'load', key);
      }
      if (value === undefined) return null;
      if (value instanceof ArrayBuffer) return value;
      throw new WeightsStorageError('failed', `The saved weights "${key}" are damaged (not bytes).`);
    },
    async listWeights() {
      try {
        const entries = await (await db()).getAll(INDEX_STORE);
        return entries.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
      } catch (error) {
        throw failure(error, 'list', null);
      }
    },
    async deleteWeights(name) {
      const key = checkName(name);
      try {
        const tx = (await db()).transaction([INDEX_STORE, DATA_STORE], 'readwrite');
        const index = tx.objectStore(INDEX_STORE);
        const [existed] = await Promise.all([
          index.count(key),
          index.delete(key),
          tx.objectStore(DATA_STORE).delete(key),
          tx.done,
        ]);
        return existed > 0;
      } catch (error) {
        throw failure(error, 'delete', key);
      }
    },
    close() {
      void opened?.then((d) => d.close()).catch(() => undefined);
      opened = null;
    },
  };
}

let shared: WeightsStore | null = null;
const defaultStore = () => (shared ??= openWeightsStore());

export const saveWeights = (name: string, data: ArrayBuffer) => defaultStore().saveWeights(name, data);
export const loadWeights = (name: string) => defaultStore().loadWeights(name);
export const listWeights = () => defaultStore().listWeights();
export const deleteWeights = (name: string) => defaultStore().deleteWeights(name);
