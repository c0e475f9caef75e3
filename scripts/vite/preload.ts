// The page's own chunks requested with its entry. src/main.ts starts the training worker first and only then
// imports start-app.ts, which imports render-app.tsx; left to those imports, each chunk would be fetched
// and parsed only once the one before had run (a Chromium trace showed the screen's chunk requested about
// 0.4 s after the page). As modulepreload links in index.html they are fetched, and parsed off the page's
// thread, alongside the entry; they still run in main.ts's order.
import type { Plugin, Rollup } from 'vite';

type OutputBundle = Rollup.OutputBundle;
type OutputChunk = Rollup.OutputChunk;

/** The entry chain's dynamically imported modules, as paths ending their module ids. */
const EARLY_MODULES = ['/src/start-app.ts', '/src/render-app.tsx'];

/** The chunks of `modules` and every chunk they import statically, in the order found. */
export function earlyChunks(bundle: OutputBundle, modules: readonly string[]): string[] {
  const chunks = Object.values(bundle).filter((o): o is OutputChunk => o.type === 'chunk');
  const found: string[] = [];
  const visit = (chunk: OutputChunk) => {
    if (found.includes(chunk.fileName)) return;
    found.push(chunk.fileName);
    for (const name of chunk.imports) {
      const imported = chunks.find((c) => c.fileName === name);
      if (imported && !imported.isEntry) visit(imported);
    }
  };
  for (const module of modules) {
    const chunk = chunks.find((c) => c.facadeModuleId?.endsWith(module));
    if (!chunk) throw new Error(`preload: no chunk holds ${module} (was it renamed?)`);
    visit(chunk);
  }
  return found;
}

/** Adds a modulepreload link for each of the entry chain's chunks to the built index.html. */
export function preloadPageChunks(): Plugin {
  return {
    name: 'cnn-playground-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (_html, { bundle }) =>
        earlyChunks(bundle ?? {}, EARLY_MODULES).map((fileName) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `./${fileName}` },
          injectTo: 'head',
        })),
    },
  };
}
