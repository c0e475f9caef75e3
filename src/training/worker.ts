// The training worker: a TrainerCore wired to postMessage. All logic lives in core.ts.
import { TrainerCore } from './core';
import { transferablesOf, type TrainerEvent, type TrainerRequest } from './protocol';

const scope = globalThis as unknown as DedicatedWorkerGlobalScope;
const core = new TrainerCore((event: TrainerEvent) => scope.postMessage(event, transferablesOf(event)));
scope.addEventListener('message', (event: MessageEvent<TrainerRequest>) => void core.handle(event.data));
