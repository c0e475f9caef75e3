// The training runtime as the page sees it: backend, dataset loading and the trainer's state.
import type { StateCreator } from 'zustand';
import { DEFAULT_HYPER, type Hyperparams } from '../../network/hyper';
import type { TrainerClient } from '../../training/client';
import type { BackendChoice, BackendKind, BackendPreference, TrainerState } from '../../training/protocol';
import { isUserDataset } from '../../network/dataset-input';
import type { DatasetRef } from '../../network/spec';
import { saveBackendPreference } from '../persistence/backend-preference';
import { browserStorage } from '../persistence/autosave';
import type { GpuStatus } from '../webgpu/types';
import type { AppState } from './store';

export type DatasetPhase = 'idle' | 'loading' | 'ready' | 'error';

export interface DatasetStatus {
  id: DatasetRef;
  phase: DatasetPhase;
  images: number;
  totalImages: number;
  train: number;
  test: number;
  classNames: string[];
  message: string | null;
}

/** The worker's 'tuning' event: sites measured (or read from the store) of those in the design. */
export interface KernelTuning {
  done: number;
  total: number;
  finished: boolean;
  changed: number;
}

export interface TrainingSlice {
  gpuStatus: GpuStatus;
  /** The backend the worker runs on, once it has said so. */
  backend: BackendKind | null;
  fallbackReason: string | null;
  /** What runs the kernels and why, as the worker last said. */
  backendChoice: BackendChoice | null;
  /** The backend the user asked for ('auto' unless they chose one), kept in this browser. */
  backendPreference: BackendPreference;
  dataset: DatasetStatus;
  trainerState: TrainerState;
  trainerReason: string | null;
  /** The seed the current run started from (null before its first step): a new seed waits for Reset. */
  runSeed: number | null;
  /** The built model's own GPU buffers, in bytes, as the worker measured them (null: none, or the CPU). */
  modelGpuBytes: number | null;
  /** How far the worker's kernel autotuning for this design got (null: not tuning on this backend). */
  kernelTuning: KernelTuning | null;
  hyper: Hyperparams;
  /** The worker's handle; null until the page has started it (and in unit tests). */
  client: TrainerClient | null;
  /** Counts weights replaced from outside training (an import): each view of the model's output asks again. */
  weightsVersion: number;
  weightsReplaced: () => void;
  attachClient: (client: TrainerClient | null) => void;
  setHyper: (patch: Partial<Hyperparams>) => void;
  /** Starts, or resumes when paused. */
  train: () => void;
  pause: () => void;
  step: () => void;
  reset: () => void;
  /** Tests on the whole test set now (answered by an evaluation and a gallery). */
  evaluate: () => void;
  loadDataset: (id: DatasetRef) => void;
  setGpuStatus: (status: GpuStatus) => void;
  setBackend: (backend: BackendKind, fallbackReason?: string, choice?: BackendChoice) => void;
  /** The user's pick in the backend menu: stored, and sent to the worker, which moves the model. */
  chooseBackend: (preference: BackendPreference) => void;
  datasetLoading: (id: DatasetRef) => void;
  datasetProgress: (images: number, totalImages: number) => void;
  datasetReady: (train: number, test: number, classNames: string[]) => void;
  datasetFailed: (message: string) => void;
  setTrainerState: (state: TrainerState, reason?: string) => void;
  setModelGpuBytes: (bytes: number | null) => void;
  setKernelTuning: (tuning: KernelTuning | null) => void;
}

const idleDataset = (id: DatasetRef): DatasetStatus => ({
  id,
  phase: 'idle',
  images: 0,
  totalImages: 0,
  train: 0,
  test: 0,
  classNames: [],
  message: null,
});

/** Where the bundle serves the generated datasets (relative, so any static host or sub-path works). */
export const dataBaseUrl = () => new URL('data/', document.baseURI).href;

export const createTrainingSlice: StateCreator<AppState, [], [], TrainingSlice> = (set, get) => ({
  gpuStatus: { kind: 'checking' },
  backend: null,
  fallbackReason: null,
  backendChoice: null,
  backendPreference: 'auto',
  dataset: idleDataset('mnist'),
  trainerState: 'idle',
  trainerReason: null,
  modelGpuBytes: null,
  kernelTuning: null,
  runSeed: null,
  hyper: DEFAULT_HYPER,
  client: null,
  weightsVersion: 0,
  weightsReplaced: () => set((s) => ({ weightsVersion: s.weightsVersion + 1 })),
  attachClient: (client) => set({ client }),
  setHyper: (patch) => set((s) => ({ hyper: { ...s.hyper, ...patch } })),
  train: () => {
    const { client, trainerState } = get();
    if (trainerState === 'idle') set({ runSeed: get().hyper.seed });
    if (trainerState === 'paused') client?.resume();
    else client?.start();
  },
  pause: () => get().client?.pause(),
  step: () => {
    if (get().trainerState === 'idle') set({ runSeed: get().hyper.seed });
    get().client?.step();
  },
  reset: () => {
    get().client?.reset();
    get().clearMetrics();
  },
  evaluate: () => get().client?.evaluate(),
  loadDataset: (id) => {
    // The user's own data is in the page, not on the server.
    if (isUserDataset(id)) return get().sendMyData();
    get().datasetLoading(id);
    get().client?.loadDataset(id, dataBaseUrl());
  },
  setGpuStatus: (gpuStatus) => set({ gpuStatus }),
  setBackend: (backend, fallbackReason, choice) =>
    set({ backend, fallbackReason: fallbackReason ?? null, backendChoice: choice ?? null }),
  chooseBackend: (backendPreference) => {
    if (backendPreference === get().backendPreference) return;
    set({ backendPreference });
    saveBackendPreference(browserStorage(), backendPreference);
    get().client?.setBackend(backendPreference);
  },
  datasetLoading: (id) => set({ dataset: { ...idleDataset(id), phase: 'loading' } }),
  datasetProgress: (images, totalImages) =>
    set((s) => ({ dataset: { ...s.dataset, phase: 'loading', images, totalImages } })),
  datasetReady: (train, test, classNames) =>
    set((s) => ({
      dataset: {
        ...s.dataset,
        phase: 'ready',
        images: train + test,
        totalImages: train + test,
        train,
        test,
        classNames,
      },
    })),
  datasetFailed: (message) => set((s) => ({ dataset: { ...s.dataset, phase: 'error', message } })),
  // Back to idle (Reset, a new design) means step 0: the next run takes the seed then in the form, and
  // progress sent by the run before it is stale.
  setTrainerState: (trainerState, reason) =>
    set(
      trainerState === 'idle'
        ? { trainerState, trainerReason: reason ?? null, runSeed: null, progress: null }
        : { trainerState, trainerReason: reason ?? null },
    ),
  setModelGpuBytes: (modelGpuBytes) => set({ modelGpuBytes }),
  setKernelTuning: (kernelTuning) => set({ kernelTuning }),
});
