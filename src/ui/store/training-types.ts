// The state and actions of the store's training slice, as types: they import no slice or store, so the
// store composes the slices without an import cycle.
import { type Hyperparams } from '../../network/hyper';
import type { TrainerClient } from '../../training/client';
import type { BackendChoice, BackendKind, BackendPreference, TrainerState } from '../../training/protocol';
import type { DatasetRef } from '../../network/spec';
import type { GpuStatus } from '../webgpu/types';

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
  /** `train`: the training images in so far. */
  datasetProgress: (images: number, totalImages: number, train: number) => void;
  datasetReady: (train: number, test: number, classNames: string[]) => void;
  datasetFailed: (message: string) => void;
  setTrainerState: (state: TrainerState, reason?: string) => void;
  setModelGpuBytes: (bytes: number | null) => void;
  setKernelTuning: (tuning: KernelTuning | null) => void;
}
