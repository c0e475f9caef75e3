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

describe('lint checks file names', () => {
  async function nameErrors(filePath: string): Promise<string[]> {
    const [result] = await eslint.lintText('export const x = 1;\n', { filePath: resolve(root, filePath) });
    return result.messages.filter((m) => m.ruleId === 'house/file-names').map((m) => m.message);
  }

  it('refuses camelCase and snake_case modules, a lowercase component file and a stray test helper', async () => {
    expect(await nameErrors('src/ui/store/networkSlice.ts')).toEqual([
      "file name 'src/ui/store/networkSlice.ts': a module is kebab-case (a hook useX).",
    ]);
    expect(await nameErrors('src/engine/ops/batch_norm.gpu.test.ts')).toHaveLength(1);
    expect(await nameErrors('src/ui/export/browserWeights.tsx')).toHaveLength(1);
    expect(await nameErrors('src/gpu/kernels/conv-forward.ts')).toEqual([
      "file name 'src/gpu/kernels/conv-forward.ts': a kernel spec is named as its WGSL file, snake_case.",
    ]);
    expect(await nameErrors('src/engine/ops/test-utils.ts')).toEqual([
      "file name 'src/engine/ops/test-utils.ts': test helpers live in a testing/ folder.",
    ]);
    expect(await nameErrors('src/training/generative/testing.ts')).toHaveLength(1);
  });

  it('accepts kebab-case modules, PascalCase components, hooks, kernel specs and testing/ helpers', async () => {
    for (const file of [
      'src/ui/store/network-slice.ts',
      'src/ui/store/network-slice.test.ts',
      'src/engine/ops/batch-norm.gpu.test.ts',
      'src/ui/export/BrowserWeights.tsx',
      'src/ui/export/BrowserWeights.test.tsx',
      'src/ui/shell/useShortcuts.ts',
      'src/gpu/kernels/conv2d_forward.ts',
      'src/engine/ops/testing/conv-gpu.ts',
      'bench/driver/readme.mjs',
    ])
      expect(await nameErrors(file), file).toEqual([]);
  });
});
