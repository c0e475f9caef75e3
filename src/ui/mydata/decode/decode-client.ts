// The page's side of the image worker: one run per worker, its examples, problems and progress handed to
// callbacks as they arrive, so a run that is cancelled or fails part-way keeps what it already added.
import { currentLanguage, tr } from '../../../i18n';
import type { ImageShape } from '../image-shape';
import type { LabelledFile } from '../images';
import type { DecodeEvent, DecodeRequest } from './decode-protocol';

/** What the page needs of a Worker (a test runs the worker's handler in the same thread). */
export interface DecodeWorker {
  postMessage(message: DecodeRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<DecodeEvent>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

export interface DecodeCallbacks {
  /** An image decoded, for the class its folder names (null: the chosen class). */
  example(className: string | null, pixels: Uint8Array): void;
  problem(message: string): void;
  progress(done: number, total: number): void;
}

export interface DecodeRun {
  /** Settles when the run is over (and the worker closed); `cancelled` when it stopped early. */
  finished: Promise<{ cancelled: boolean }>;
  /** Stops the run after the image in hand. */
  cancel(): void;
}

let nextId = 1;

/** Decodes `files` into examples of `shape` in `worker`, which is closed when the run ends. */
export function decodeFiles(
  worker: DecodeWorker,
  files: LabelledFile[],
  shape: ImageShape,
  on: DecodeCallbacks,
): DecodeRun {
  const id = nextId++;
  const finished = new Promise<{ cancelled: boolean }>((resolve) => {
    const end = (cancelled: boolean) => {
      worker.terminate();
      resolve({ cancelled });
    };
    worker.addEventListener('error', (event) => {
      on.problem(tr('ui:images.workerFailed', { error: event.message }));
      end(false);
    });
    worker.addEventListener('message', ({ data: event }) => {
      if (event.id !== id) return;
      switch (event.type) {
        case 'started':
          return on.progress(0, event.total);
        case 'example':
          return on.example(event.className, event.pixels);
        case 'problem':
          return on.problem(event.message);
        case 'progress':
          return on.progress(event.done, event.total);
        case 'failed':
          on.problem(event.message);
          return end(false);
        case 'finished':
          return end(event.cancelled);
      }
    });
  });
  worker.postMessage({ type: 'decode', id, language: currentLanguage(), shape, files });
  return { finished, cancel: () => worker.postMessage({ type: 'cancel', id }) };
}
