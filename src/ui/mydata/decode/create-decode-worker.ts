// The page starts the image worker as it starts the trainer (from a blob: URL, under the page's policy).
import decodeWorkerUrl from './decode-worker.ts?worker&url';
import { startWorker } from '../../../training/create-worker';
import type { DecodeWorker } from './decode-client';

export const createDecodeWorker = (): DecodeWorker => startWorker(decodeWorkerUrl, 'images');
