// The one place the page creates the training worker; Vite bundles worker.ts from this URL.
import type { WorkerLike } from './client';

export function createTrainerWorker(): WorkerLike {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'trainer' });
}
