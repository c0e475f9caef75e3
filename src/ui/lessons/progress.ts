// Lesson progress kept in this browser (IndexedDB through `idb`): per lesson, the ids of the steps done.
// What is read back is checked, since another version or a damaged profile may have put anything there.
import { openDB, type DBSchema } from 'idb';

const DB_NAME = 'cnn-playground-lessons';
const STORE = 'progress';

interface ProgressSchema extends DBSchema {
  [STORE]: { key: string; value: unknown };
}

const open = () =>
  openDB<ProgressSchema>(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore(STORE);
    },
  });

const stepIds = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').slice(0, 50) : [];

/** Every lesson's done steps; empty when storage is unavailable (a private window), never an error. */
export async function loadProgress(): Promise<Record<string, string[]>> {
  try {
    const db = await open();
    const keys = await db.getAllKeys(STORE);
    const values = await db.getAll(STORE);
    db.close();
    return Object.fromEntries(keys.map((k, i) => [String(k), stepIds(values[i])]));
  } catch {
    return {};
  }
}

/** Keeps one lesson's done steps; a failure only means progress is not remembered, so it is reported, not thrown. */
export async function saveProgress(lessonId: string, done: readonly string[]): Promise<boolean> {
  try {
    const db = await open();
    await db.put(STORE, [...done], lessonId);
    db.close();
    return true;
  } catch {
    return false;
  }
}
