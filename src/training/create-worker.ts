// The one place the page starts a worker. A worker's Content-Security-Policy comes from the headers of its
// script, which a static host without `_headers` does not send; a worker started from a blob: URL instead
// inherits the page's own policy (the meta tag, which every host serves), so each worker is started from a
// one-line blob that imports its bundled script (Vite gives its URL).
import workerUrl from './worker.ts?worker&url';
import type { WorkerLike } from './client';

/** A module worker running the bundled script at `scriptUrl` (a Vite `?worker&url` import). */
export function startWorker(scriptUrl: string, name: string): Worker {
  const script = `import ${JSON.stringify(new URL(scriptUrl, location.href).href)};`;
  const blob = URL.createObjectURL(new Blob([script], { type: 'text/javascript' }));
  const worker = new Worker(blob, { type: 'module', name });
  // The worker has read its script once it speaks; the URL is not needed after that.
  worker.addEventListener('message', () => URL.revokeObjectURL(blob), { once: true });
  return worker;
}

/** The trainer's worker started by the page's first script (src/boot.ts), until the page takes it. */
let early: Worker | null = null;

/** Starts the trainer's worker ahead of the main bundle; the page's first `createTrainerWorker` takes it. */
export function startTrainerWorkerEarly(): void {
  early ??= startWorker(workerUrl, 'trainer');
}

export function createTrainerWorker(): WorkerLike {
  const worker = early ?? startWorker(workerUrl, 'trainer');
  early = null;
  return worker;
}
