// The wasm CPU backend under Node (tests, scripts): the kernels read from disk and helper threads on
// worker_threads, passed to createWasmOps in place of the browser's fetch and Worker.
import { readFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { createWasmOps, type WasmOps } from '../create';
import { kernelUrl } from '../kernels';
import type { SpawnHelper } from '../threads';

export async function loadNodeModule(shared: boolean): Promise<WebAssembly.Module> {
  return WebAssembly.compile(await readFile(kernelUrl(shared)));
}

export const spawnNodeHelper: SpawnHelper = (init) => {
  const worker = new Worker(new URL('./node-helper-boot.mjs', import.meta.url), { workerData: init });
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  // Once listening, a helper blocked in Atomics.wait must not keep the process alive.
  void ready.then(() => worker.unref());
  return { ready, terminate: () => void worker.terminate() };
};

export function createNodeWasmOps(threads = 1): Promise<WasmOps> {
  return createWasmOps({ threads, loadModule: loadNodeModule, spawn: spawnNodeHelper });
}
