// Proves that `npm run lint` enforces the module directions: a forbidden import is a lint error.
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const eslint = new ESLint({ cwd: root });

async function restrictedImportErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) });
  return result.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' && m.severity === 2)
    .map((m) => m.message);
}

describe('lint enforces module directions', () => {
  it('rejects ui importing the engine', async () => {
    const errors = await restrictedImportErrors(
      "import { bindingOf } from '../engine/tensor';\nexport const f = bindingOf;\n",
      'src/ui/x.ts',
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('ui/ talks to the engine only through training/');
  });

  it('rejects ui importing gpu', async () => {
    const errors = await restrictedImportErrors(
      "import { acquireGpu } from '../gpu/device';\nexport const f = acquireGpu;\n",
      'src/ui/builder/y.ts',
    );
    expect(errors).toHaveLength(1);
  });

  it('rejects React in the engine', async () => {
    const errors = await restrictedImportErrors(
      "import React from 'react';\nexport const r = React;\n",
      'src/engine/x.ts',
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('framework-free');
  });

  it('rejects zustand in training', async () => {
    const errors = await restrictedImportErrors(
      "import { create } from 'zustand';\nexport const c = create;\n",
      'src/training/x.ts',
    );
    expect(errors).toHaveLength(1);
  });

  it('accepts an allowed direction (engine -> gpu, ui -> network)', async () => {
    expect(
      await restrictedImportErrors(
        "import { acquireGpu } from '../gpu/device';\nexport const f = acquireGpu;\n",
        'src/engine/x.ts',
      ),
    ).toEqual([]);
    expect(
      await restrictedImportErrors(
        "import { PRESETS } from '../network/presets';\nexport const p = PRESETS;\n",
        'src/ui/x.ts',
      ),
    ).toEqual([]);
  });
});

describe('lint keeps timings out of tests', () => {
  it('refuses an upper bound on a time, and accepts other bounds', async () => {
    const code = [
      "import { expect } from 'vitest';",
      'const t = { forwardMs: 3, count: 2 };',
      'const seconds = 2;',
      'expect(t.forwardMs).toBeLessThan(10);',
      'expect(seconds).toBeLessThanOrEqual(10);',
      'expect(t.forwardMs).toBeGreaterThan(0);',
      'expect(t.count).toBeLessThan(10);',
    ].join('\n');
    const [result] = await eslint.lintText(code, { filePath: resolve(root, 'src/x.test.ts') });
    const lines = result.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.line);
    expect(lines).toEqual([4, 5]);
  });
});
