// Autotuning a design's kernels on the worker's device: its tunable sites (model/tunable-sites.ts) are
// answered from the store where this adapter measured them before, the rest timed within the budget and
// stored. The result is a VariantChooser for the GpuModel the design is then built with.
import type { VariantChooser } from '../engine/op';
import { tunedChooser } from '../engine/tuning/choosers';
import { tuneWithStore, type CachedTuning } from '../engine/tuning/cached';
import { adapterKey, type TuningStore } from '../engine/tuning/store';
import type { GpuInfo } from '../gpu/device';
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
  /** Sites whose choice differs from the planners' rules. */
  changed: number;
}

/** The adapter's identity (store key) as the device reports it. */
export function deviceAdapterKey(device: GPUDevice): string {
  const info = device.adapterInfo;
  return adapterKey({
    vendor: info?.vendor ?? '',
    architecture: info?.architecture ?? '',
    device: info?.device ?? '',
    description: info?.description ?? '',
    isFallbackAdapter: Boolean((info as { isFallbackAdapter?: boolean } | undefined)?.isFallbackAdapter),
    features: {
      shaderF16: device.features.has('shader-f16'),
      subgroups: device.features.has('subgroups'),
      timestampQuery: device.features.has('timestamp-query'),
    },
    limits: device.limits as unknown as GpuInfo['limits'],
  });
}

export async function tuneDesign(
  device: GPUDevice,
  adapter: string,
  desc: ModelDescription,
  hyper: Hyperparams,
  store: TuningStore,
  options: {
    budget?: TuneBudget;
    rounds?: number;
    onProgress?: (p: TuneProgress) => void;
    signal?: AbortSignal;
  } = {},
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
    signal: options.signal,
  });
  const changed = sites.filter((s) => (tuning.choices.get(s.key) ?? s.handPicked) !== s.handPicked).length;
  return { ...tuning, chooser: tunedChooser(tuning.choices), sites: sites.length, changed };
}
