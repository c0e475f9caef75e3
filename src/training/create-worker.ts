// The one place the page creates the training worker. A worker's Content-Security-Policy comes from the
// headers of its script, which a static host without `_headers` does not send; a worker started from a
// blob: URL instead inherits the page's own policy (the meta tag, which every host serves), so the worker
// is started from a one-line blob that imports the bundled worker script (Vite gives its URL).
import workerUrl from './worker.ts?worker&url';
import type { WorkerLike } from './client';

export function createTrainerWorker(): WorkerLike {
  const script = `import ${JSON.stringify(new URL(workerUrl, location.href).href)};`;
  const blob = URL.createObjectURL(new Blob([script], { type: 'text/javascript' }));
  const worker = new Worker(blob, { type: 'module', name: 'trainer' });
  // The worker has read its script once it speaks; the URL is not needed after that.
  worker.addEventListener('message', () => URL.revokeObjectURL(blob), { once: true });
  return worker;
}
