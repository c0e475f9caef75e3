// The image-decoding worker: the protocol's handler wired to postMessage. All logic lives in decode-run.ts
// (the run) and decode-image.ts (the browser's decoder and OffscreenCanvas).
import { canDrawOffscreen, decodeImage } from './decode-image';
import { transferablesOf, type DecodeEvent, type DecodeRequest } from './decode-protocol';
import { decodeHandler } from './decode-run';

const scope = globalThis as unknown as DedicatedWorkerGlobalScope;
const handle = decodeHandler(
  (event: DecodeEvent) => scope.postMessage(event, transferablesOf(event)),
  decodeImage,
  canDrawOffscreen,
);
scope.addEventListener('message', (event: MessageEvent<DecodeRequest>) => void handle(event.data));
