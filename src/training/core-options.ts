// What a TrainerCore can be told when it is made, and the defaults of what it is not told.
import type { CpuEnvironment } from '../engine/wasm/choose';
import type { TuningStore } from '../engine/tuning/store';
import type { TuneBudget } from '../engine/tuning/tuner';
import type { WasmLoaders } from './cpu-kernels';
import type { DenseSessionOptions } from './dense/session';

export interface TrainerCoreOptions {
  /** fetch for the dataset files (tests read them from disk). */
  fetch?: typeof fetch;
  /** The WebGPU entry point; null means none. Default: navigator.gpu. */
  gpu?: GPU | null;
  /** Steps between metrics reports. */
  reportEvery?: number;
  /** Test images shown with predictions after each evaluation. */
  gallerySize?: number;
  /** Minimum time between host copies of the weights (what a lost device is rebuilt from). */
  snapshotEveryMs?: number;
  /** Test images evaluated while training (a fixed sample; 0: none), at most every testSampleEveryMs of
   *  training and within testSampleBudget (a fraction) of the training time. */
  testSampleSize?: number;
  testSampleEveryMs?: number;
  testSampleBudget?: number;
  /** How the WebAssembly ops load in this context (Node passes its own; default the browser's). */
  wasm?: WasmLoaders;
  /** The CPU environment the backend choice sees (default: detected). */
  cpuEnv?: CpuEnvironment;
  /** Milliseconds each side of a design's measurement on a fallback adapter trains (default 300). */
  measureMs?: number;
  /** Idle milliseconds after a build before that measurement starts (default 2000; see measure-ahead.ts). */
  measureAfterMs?: number;
  /** Tune each design's kernels on the WebGPU device while idle, keeping the choices here (off without it). */
  tuning?: { store: TuningStore; budget?: TuneBudget };
  /** The dense session's reporting and test sizes (default DEFAULT_DENSE_OPTIONS). */
  dense?: Partial<DenseSessionOptions>;
}

export type OptionalOptions = 'fetch' | 'gpu' | 'wasm' | 'cpuEnv' | 'measureMs' | 'tuning' | 'dense';

export type CoreOptions = Required<Omit<TrainerCoreOptions, OptionalOptions>> & TrainerCoreOptions;

export function withDefaults(options: TrainerCoreOptions): CoreOptions {
  return {
    reportEvery: 20,
    gallerySize: 48,
    snapshotEveryMs: 2000,
    testSampleSize: 512,
    testSampleEveryMs: 2000,
    testSampleBudget: 0.03,
    measureAfterMs: 2000,
    ...options,
  };
}
