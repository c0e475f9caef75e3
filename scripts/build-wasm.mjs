// `npm run build:wasm`: compiles assembly/ (the CPU kernels in AssemblyScript) into the committed modules
// src/engine/wasm/cpu-kernels{,-shared}.wasm. Run it after editing assembly/; see build-wasm-lib.mjs for why
// the compiled files are committed.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileKernels, OUTPUTS } from './build-wasm-lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
for (const [kind, out] of Object.entries(OUTPUTS)) {
  const bytes = await compileKernels(root, kind === 'shared');
  await writeFile(path.join(root, out), bytes);
  process.stdout.write(`build:wasm: wrote ${out} (${bytes.length} bytes)\n`);
}
