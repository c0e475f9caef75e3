// Compiles the AssemblyScript kernels (assembly/) into the two WebAssembly modules src/engine/wasm/ loads:
// one importing a shared memory (threads, in cross-origin isolated pages and in Node) and one importing a
// plain memory (single thread, in pages without cross-origin isolation, where shared memory is refused).
//
// The .wasm files are committed rather than built on install or by a Vite plugin: every consumer (vite dev,
// vite build, vitest, the bench page, plain Node through scripts/engine-node.mjs) then loads the same file
// with no build step and no compiler at run time, and `npm ci` stays free of code generation. The unit test
// src/engine/wasm/build.test.ts recompiles the sources and fails, naming `npm run build:wasm`, when the
// committed files differ from what the sources compile to.
import asc from 'assemblyscript/asc';

export const KERNEL_SOURCES = 'assembly';
export const ENTRY = 'assembly/index.ts';
export const OUTPUTS = {
  shared: 'src/engine/wasm/cpu-kernels-shared.wasm',
  single: 'src/engine/wasm/cpu-kernels.wasm',
};

/** Pages a shared memory may grow to (4 GiB, wasm32's limit); the JavaScript side picks its own maximum. */
const MAXIMUM_PAGES = 65536;

function flags(shared) {
  return [
    '--optimizeLevel',
    '3',
    '--shrinkLevel',
    '0',
    '--noAssert',
    // No allocator or garbage collector: kernels take pointers, and JavaScript owns the memory.
    '--runtime',
    'stub',
    '--importMemory',
    '--enable',
    'simd,threads',
    // AS112 warns that v128 cannot cross to JavaScript; only the helpers take v128, no export does.
    '--disableWarning',
    '112',
    ...(shared ? ['--sharedMemory', '--maximumMemory', String(MAXIMUM_PAGES)] : []),
  ];
}

/** Compiles the kernels from the repository at `root`; resolves with the module bytes, or throws asc's report. */
export async function compileKernels(root, shared) {
  let binary = null;
  let report = '';
  const { error } = await asc.main([ENTRY, ...flags(shared), '--outFile', 'kernels.wasm'], {
    baseDir: root,
    stdout: { write: (s) => void (report += s) },
    stderr: { write: (s) => void (report += s) },
    writeFile: (name, contents) => {
      if (name === 'kernels.wasm') binary = contents;
    },
  });
  if (error || !binary) throw new Error(`AssemblyScript failed to compile ${ENTRY}:\n${report || error}`);
  return binary;
}
