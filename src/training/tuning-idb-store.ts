// The autotuner's store in the browser: IndexedDB (through `idb`), one record per adapter of
// { site key: variant }, in its own database so the page's weights database is never upgraded for it.
// Values read back are checked: anything but strings is dropped (another version may have written it).
import { openDB, type DBSchema } from 'idb';
import type { TuningStore } from '../engine/tuning/store';

const DB_NAME = 'cnn-playground-tuning';
const STORE = 'choices';

interface TuningSchema extends DBSchema {
  [STORE]: { key: string; value: unknown };
}

function strings(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v === 'string')) as Record<
    string,
    string
  >;
}

export function idbTuningStore(): TuningStore {
  const db = openDB<TuningSchema>(DB_NAME, 1, {
    upgrade: (d) => void d.createObjectStore(STORE),
  });
  return {
    async load(adapter) {
      return strings(await (await db).get(STORE, adapter));
    },
    async save(adapter, choices) {
      const tx = (await db).transaction(STORE, 'readwrite');
      const kept = strings(await tx.store.get(adapter));
      await tx.store.put({ ...kept, ...choices }, adapter);
      await tx.done;
    },
  };
}
