// Autotuning a design's kernels on the worker's device: its tunable sites (model/tunable-sites.ts) are
// answered from the store where this adapter measured them before, the rest timed within the budget and
// stored. The result is a VariantChooser for the GpuModel the design is then built with.
import type { VariantChooser } from '../engine/op';
import { tunedChooser } from '../engine/tuning/choosers';
import { tuneWithStore, type CachedTuning } from '../engine/tuning/cached';
import type { TuningStore } from '../engine/tuning/store';
import type { TuneBudget, TuneProgress } from '../engine/tuning/tuner';
import type { ModelDescription } from '../model/describe';
import { designSites } from '../model/tunable-sites';
import type { Hyperparams } from '../network/hyper';
import { NORMALISATION } from './normalisation';
import { optimizerSettings } from './optimizer-settings';

/** The worker's default: about a second and a half, so a new design on a new device waits little. */
export const DEFAULT_TUNE_BUDGET: TuneBudget = { maxRuns: 400, maxMs: 1500 };

export interface DesignTuning extends CachedTuning {
  chooser: VariantChooser;
  sites: number;
}

export async function tuneDesign(
  device: GPUDevice,
  adapter: string,
  desc: ModelDescription,
  hyper: Hyperparams,
  store: TuningStore,
  options: { budget?: TuneBudget; rounds?: number; onProgress?: (p: TuneProgress) => void } = {},
): Promise<DesignTuning> {
  const sites = designSites(device, desc, {
    batch: hyper.batchSize,
    seed: hyper.seed,
    normalisation: NORMALISATION,
    optimizer: optimizerSettings(hyper),
    labelSmoothing: hyper.labelSmoothing,
  });
  const tuning = await tuneWithStore(device, adapter, sites, store, {
    budget: options.budget ?? DEFAULT_TUNE_BUDGET,
    rounds: options.rounds,
    onProgress: options.onProgress,
  });
  return { ...tuning, chooser: tunedChooser(tuning.choices), sites: sites.length };
}
