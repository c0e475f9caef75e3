// A helper thread of the wasm CPU backend in the browser: serves kernel calls on the shared memory until
// the pool tells it to exit (see helper-loop.ts). It answers 'ready' once listening, and never returns to
// its event loop.
import type { HelperInit } from './control';
import { serveKernels } from './helper-loop';

self.onmessage = (event: MessageEvent<HelperInit>) => {
  serveKernels(event.data, () => self.postMessage('ready'));
};
