import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileKernels, OUTPUTS } from '../../../scripts/build-wasm-lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

// The compiled kernels are committed (see scripts/build-wasm-lib.mjs); this keeps them true to assembly/.
describe('the committed wasm kernels are what assembly/ compiles to', () => {
  for (const [kind, file] of Object.entries(OUTPUTS)) {
    it(`${file} (${kind} memory)`, { timeout: 120_000 }, async () => {
      const fresh = await compileKernels(root, kind === 'shared');
      const committed = readFileSync(path.join(root, file));
      const same = Buffer.compare(Buffer.from(fresh), committed) === 0;
      expect(same, `${file} is stale: run npm run build:wasm after editing assembly/`).toBe(true);
    });
  }
});
