// The training runtime as the page sees it: backend, dataset loading and the trainer's state.
import type { StateCreator } from 'zustand';
import { DEFAULT_HYPER } from '../../network/hyper';
import { isUserDataset } from '../../network/dataset-input';
import type { DatasetRef } from '../../network/spec';
import { saveBackendPreference } from '../persistence/backend-preference';
import { browserStorage } from '../persistence/autosave';
import type { DatasetStatus, TrainingSlice } from './training-types';
export type { DatasetPhase, DatasetStatus, KernelTuning, TrainingSlice } from './training-types';
import type { AppState } from './app-state';

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
  datasetProgress: (images, totalImages, train) =>
    set((s) => ({ dataset: { ...s.dataset, phase: 'loading', images, totalImages, train } })),
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
  // progress sent by the run before it is stale. Leaving idle starts a run: a Step or Train pressed before
  // the worker's idle arrived (right after Reset) set no seed, so the run takes the form's.
  setTrainerState: (trainerState, reason) =>
    set((s) =>
      trainerState === 'idle'
        ? { trainerState, trainerReason: reason ?? null, runSeed: null, progress: null }
        : {
            trainerState,
            trainerReason: reason ?? null,
            runSeed: s.trainerState === 'idle' ? (s.runSeed ?? s.hyper.seed) : s.runSeed,
          },
    ),
  setModelGpuBytes: (modelGpuBytes) => set({ modelGpuBytes }),
  setKernelTuning: (kernelTuning) => set({ kernelTuning }),
});
