// The training worker: a TrainerCore wired to postMessage. All logic lives in core.ts.
import { TrainerCore } from './core';
import { idbTuningStore } from './tuning-idb-store';
import { transferablesOf, type TrainerEvent, type TrainerRequest } from './protocol';

const scope = globalThis as unknown as DedicatedWorkerGlobalScope;
// Kernel choices are tuned per design and kept per adapter in IndexedDB, where the worker has it.
const tuning = typeof indexedDB === 'undefined' ? undefined : { store: idbTuningStore() };
const core = new TrainerCore((event: TrainerEvent) => scope.postMessage(event, transferablesOf(event)), {
  tuning,
});
scope.addEventListener('message', (event: MessageEvent<TrainerRequest>) => void core.handle(event.data));
