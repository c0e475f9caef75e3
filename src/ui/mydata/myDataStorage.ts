// The user's dataset kept in IndexedDB (through `idb`), one record per dataset, so closing the tab loses
// nothing. A record read back is checked example by example: a damaged or foreign one is refused whole.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { isUserDataset } from '../../network/dataset-input';
import { MAX_EXAMPLES_PER_CLASS, PIXELS, type MyData } from './myData';

const DB_NAME = 'cnn-playground-datasets';
const STORE = 'datasets';

interface DatasetsSchema extends DBSchema {
  /** `unknown`: another version or a damaged profile may have put anything here. */
  [STORE]: { key: string; value: unknown };
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

export const storedBytes = (data: MyData) =>
  data.classes.reduce((n, c) => n + c.examples.length * PIXELS + c.name.length, data.name.length);

/** A stored record as MyData, or null when any part of it is not what the playground writes. */
export function readMyData(raw: unknown): MyData | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.id !== 'string' || !isUserDataset(r.id) || typeof r.name !== 'string') return null;
  if (!Array.isArray(r.classes)) return null;
  const classes = [];
  for (const c of r.classes as unknown[]) {
    if (typeof c !== 'object' || c === null) return null;
    const { name, examples } = c as Record<string, unknown>;
    if (typeof name !== 'string' || !Array.isArray(examples) || examples.length > MAX_EXAMPLES_PER_CLASS)
      return null;
    if (!examples.every((e) => e instanceof Uint8Array && e.length === PIXELS)) return null;
    classes.push({ name, examples: examples as Uint8Array[] });
  }
  return { id: r.id, name: r.name, classes };
}

let db: Promise<IDBPDatabase<DatasetsSchema>> | null = null;
function database(): Promise<IDBPDatabase<DatasetsSchema>> {
  if (typeof indexedDB === 'undefined')
    return Promise.reject(new Error('this browser does not let the playground keep data (no IndexedDB)'));
  db ??= openDB<DatasetsSchema>(DB_NAME, 1, {
    upgrade(d) {
      d.createObjectStore(STORE);
    },
  });
  return db;
}

/** Writes the whole dataset; a full quota gets a message saying what to do, and the older copy stays. */
export async function saveMyData(data: MyData): Promise<void> {
  try {
    await (await database()).put(STORE, data, data.id);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'QuotaExceededError')
      throw new Error(
        `There is no room left in this browser's storage for “${data.name}” (${megabytes(storedBytes(data))}). Delete examples or saved weights you no longer need; the copy saved before is kept.`,
        { cause: error },
      );
    throw new Error(
      `Could not keep your dataset: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
}

/** The kept datasets that read back whole (a damaged one is left out). */
export async function loadMyData(): Promise<MyData[]> {
  const all = await (await database()).getAll(STORE);
  return all.map(readMyData).filter((d): d is MyData => d !== null);
}
