// The autotuner's store in Node: one JSON file of { [adapter]: { [site key]: variant } }, written whole
// through a temporary file and a rename, so a crash never leaves half a file. A missing file is empty; a
// file that does not parse is refused with its path rather than silently overwritten.
import { readFile, rename, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

async function readAll(file) {
  let text;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if (e.code === 'ENOENT') return {};
    throw e;
  }
  const parsed = JSON.parse(text);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`${file}: a tuning cache must be a JSON object of adapters`);
  }
  return parsed;
}

/** A TuningStore (src/engine/tuning/store.ts) kept in `file`. */
export function jsonFileTuningStore(file) {
  return {
    async load(adapter) {
      const entry = (await readAll(file))[adapter];
      return entry && typeof entry === 'object' ? { ...entry } : {};
    },
    async save(adapter, choices) {
      const all = await readAll(file);
      all[adapter] = { ...(all[adapter] ?? {}), ...choices };
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, `${JSON.stringify(all, null, 2)}\n`);
      await rename(tmp, file);
    },
  };
}
