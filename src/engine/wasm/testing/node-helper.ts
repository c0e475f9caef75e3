// A helper thread of the wasm CPU backend under Node (worker_threads): the same loop as the browser's
// helper.worker.ts. Started through node-helper-boot.mjs, which loads TypeScript first.
import { parentPort, workerData } from 'node:worker_threads';
import type { HelperInit } from '../control';
import { serveKernels } from '../helper-loop';

serveKernels(workerData as HelperInit, () => parentPort!.postMessage('ready'));
