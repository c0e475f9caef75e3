// Types of tuning-file-store.mjs, for the TypeScript bench and tests.
import type { TuningStore } from '../src/engine/tuning/store';
export declare function jsonFileTuningStore(file: string): TuningStore;
