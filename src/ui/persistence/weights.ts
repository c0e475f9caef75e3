// Trained weights kept in IndexedDB under a name: a small promise wrapper over two object stores, one of
// sizes and dates (listed without reading any weights) and one of the bytes. Both are written in a single
// transaction, so a save that fails (a full disk, a quota) changes nothing, the older copy included.
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
function failure(
  error: DOMException | null,
  doing: string,
  name: string | null,
  bytes?: number,
): WeightsStorageError {
  if (error?.name === 'QuotaExceededError') {
    const size = bytes === undefined ? '' : ` (${megabytes(bytes)})`;
    return new WeightsStorageError(
      'quota',
      `There is no room left in this browser's storage to keep the weights "${name ?? ''}"${size}. Delete saved weights you no longer need, or allow this site more storage; nothing saved before was changed.`,
      { cause: error },
    );
  }
  const detail = error ? `${error.name}: ${error.message}` : 'the browser gave no reason';
  const what = name === null ? 'the saved weights' : `the weights "${name}"`;
  return new WeightsStorageError('failed', `Could not ${doing} ${what} (${detail}).`, {
    cause: error,
  });
}

function openDatabase(factory: IDBFactory | undefined, dbName: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (!factory) return reject(unavailable());
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(dbName, DB_VERSION);
    } catch (error) {
      return reject(unavailable(error));
    }
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(INDEX_STORE)) db.createObjectStore(INDEX_STORE, { keyPath: 'name' });
      if (!db.objectStoreNames.contains(DATA_STORE)) db.createObjectStore(DATA_STORE);
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading the database waits for this connection to close.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => reject(unavailable(request.error));
    request.onblocked = () => reject(unavailable(new Error('the database is held open by an older tab')));
  });
}

/** Runs `body` in one transaction; resolves with `result()` once the transaction has committed. */
function transact<T>(
  db: IDBDatabase,
  mode: IDBTransactionMode,
  body: (index: IDBObjectStore, data: IDBObjectStore) => () => T,
  fail: (error: DOMException | null) => WeightsStorageError,
): Promise<T> {
  return new Promise((resolve, reject) => {
    let tx: IDBTransaction;
    let result: () => T;
    try {
      tx = db.transaction([INDEX_STORE, DATA_STORE], mode);
      result = body(tx.objectStore(INDEX_STORE), tx.objectStore(DATA_STORE));
    } catch (error) {
      return reject(fail(error instanceof DOMException ? error : null));
    }
    tx.oncomplete = () => {
      try {
        resolve(result());
      } catch (error) {
        reject(error);
      }
    };
    // A failed request aborts the transaction; the abort event carries the reason (a quota error included).
    tx.onabort = () => reject(fail(tx.error));
  });
}

export function openWeightsStore(
  factory: IDBFactory | undefined = globalThis.indexedDB,
  dbName = WEIGHTS_DB_NAME,
): WeightsStore {
  let opened: Promise<IDBDatabase> | null = null;
  const db = () => {
    opened ??= openDatabase(factory, dbName).catch((error: unknown) => {
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
      return transact(
        await db(),
        'readwrite',
        (index, store) => {
          store.put(data, key);
          index.put(entry);
          return () => entry;
        },
        (error) => failure(error, 'save', key, data.byteLength),
      );
    },
    async loadWeights(name) {
      const key = checkName(name);
      return transact(
        await db(),
        'readonly',
        (_index, store) => {
          const request = store.get(key);
          return () => {
            const value: unknown = request.result;
            if (value === undefined) return null;
            if (value instanceof ArrayBuffer) return value;
            throw new WeightsStorageError('failed', `The saved weights "${key}" are damaged (not bytes).`);
          };
        },
        (error) => failure(error, 'load', key),
      );
    },
    async listWeights() {
      return transact(
        await db(),
        'readonly',
        (index) => {
          const request = index.getAll();
          return () => (request.result as WeightsEntry[]).sort((a, b) => b.savedAt.localeCompare(a.savedAt));
        },
        (error) => failure(error, 'list', null),
      );
    },
    async deleteWeights(name) {
      const key = checkName(name);
      return transact(
        await db(),
        'readwrite',
        (index, store) => {
          const existed = index.count(key);
          index.delete(key);
          store.delete(key);
          return () => existed.result > 0;
        },
        (error) => failure(error, 'delete', key),
      );
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
