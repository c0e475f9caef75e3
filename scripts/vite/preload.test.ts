import type { Rollup } from 'vite';
import { describe, expect, it } from 'vitest';
import { earlyChunks } from './preload';

/** A bundle's chunk as earlyChunks reads it: its file, its module, what it imports statically. */
const chunk = (fileName: string, facadeModuleId: string | null, imports: string[], isEntry = false) =>
  ({ type: 'chunk', fileName, facadeModuleId, imports, isEntry }) as unknown as Rollup.OutputChunk;

function bundleOf(...chunks: Rollup.OutputChunk[]): Rollup.OutputBundle {
  const css = { type: 'asset', fileName: 'assets/render-app.css' } as unknown as Rollup.OutputAsset;
  return Object.fromEntries([...chunks, css].map((c) => [c.fileName, c]));
}

describe('the chunks preloaded with the page', () => {
  const bundle = bundleOf(
    chunk('assets/index.js', '/repo/src/main.ts', [], true),
    chunk('assets/start-app.js', '/repo/src/start-app.ts', ['assets/analyze.js', 'assets/index.js']),
    chunk('assets/render-app.js', '/repo/src/render-app.tsx', ['assets/analyze.js', 'assets/react.js']),
    chunk('assets/analyze.js', null, []),
    chunk('assets/react.js', null, []),
    chunk('assets/export.js', '/repo/src/ui/export/export.ts', ['assets/analyze.js']),
  );

  it('are the named modules and what they import statically, each once, without the entry', () => {
    expect(earlyChunks(bundle, ['/src/start-app.ts', '/src/render-app.tsx'])).toEqual([
      'assets/start-app.js',
      'assets/analyze.js',
      'assets/render-app.js',
      'assets/react.js',
    ]);
  });

  it('names a module that no chunk holds', () => {
    expect(() => earlyChunks(bundle, ['/src/boot.ts'])).toThrow('preload: no chunk holds /src/boot.ts');
  });
});
