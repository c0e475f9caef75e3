// A TrainerCore behind a real MessageChannel, shaped like a Worker: tests (and Node tools) drive the
// TrainerClient exactly as the page does, with structured cloning and transfers, minus the thread.
import type { WorkerLike } from '../client';
import { TrainerCore, type TrainerCoreOptions } from '../core';
import { transferablesOf, type TrainerRequest } from '../protocol';

export function inProcessWorker(options: TrainerCoreOptions = {}): WorkerLike & { core: TrainerCore } {
  const { port1: page, port2: worker } = new MessageChannel();
  const core = new TrainerCore((event) => worker.postMessage(event, transferablesOf(event)), options);
  worker.addEventListener(
    'message',
    (event) => void core.handle((event as MessageEvent<TrainerRequest>).data),
  );
  worker.start();
  page.start();
  return {
    core,
    postMessage: (message, transfer) => page.postMessage(message, transfer),
    addEventListener: (type, listener) => page.addEventListener(type, listener as EventListener),
    removeEventListener: (type, listener) => page.removeEventListener(type, listener as EventListener),
    terminate: () => {
      page.close();
      worker.close();
    },
  };
}
