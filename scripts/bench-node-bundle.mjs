// Bundles bench:node into one file, bench/node-dist/bench-node.mjs, with every WGSL shader inlined, so a
// machine without npm access (a lent GPU machine) needs only Node, that file, the `webgpu` package's
// index.js, package.json and dist/linux-x64, and public/data/mnist with public/data/manifest.json. Then:
//   node scripts/bench-node.mjs --bundled [--quick]
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `import x from './k.wgsl?raw'` -> the file's text, as Vite and scripts/wgsl-hooks.mjs give it. */
const wgslRaw = {
  name: 'wgsl-raw',
  setup(b) {
    b.onResolve({ filter: /\.wgsl\?raw$/ }, (a) => ({
      path: path.resolve(a.resolveDir, a.path.replace(/\?raw$/, '')),
      namespace: 'wgsl',
    }));
    b.onLoad({ filter: /.*/, namespace: 'wgsl' }, async (a) => ({
      contents: `export default ${JSON.stringify(await readFile(a.path, 'utf8'))};`,
      loader: 'js',
    }));
  },
};

await build({
  entryPoints: [path.join(root, 'bench/node/bundle-entry.ts')],
  outfile: path.join(root, 'bench/node-dist/bench-node.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  external: ['webgpu', 'onnxruntime-node'],
  plugins: [wgslRaw],
  // Modules that use require() keep working inside the ESM bundle.
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
process.stdout.write('wrote bench/node-dist/bench-node.mjs\n');
