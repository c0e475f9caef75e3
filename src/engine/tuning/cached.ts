// Tuning with a store: sites already measured on this adapter take their stored choice; the others are
// tuned (within the budget) and their choices stored, so each adapter and shape is measured once.
import type { TunableSite } from '../op';
import type { TuningStore } from './store';
import { tuneSites, type TuneOptions, type TuneResult } from './tuner';

export interface CachedTuning {
  /** Site key -> variant: stored and newly tuned choices for the given sites. */
  choices: Map<string, string>;
  /** Sites answered from the store. */
  fromStore: number;
  /** What the tuner did for the rest. */
  tuned: TuneResult;
}

export async function tuneWithStore(
  device: GPUDevice,
  adapter: string,
  sites: readonly TunableSite[],
  store: TuningStore,
  options: TuneOptions,
): Promise<CachedTuning> {
  const stored = await store.load(adapter);
  const choices = new Map<string, string>();
  const missing: TunableSite[] = [];
  for (const site of sites) {
    const kept = stored[site.key];
    if (kept !== undefined && site.candidates.includes(kept)) choices.set(site.key, kept);
    else missing.push(site);
  }
  const fromStore = choices.size;
  const tuned = await tuneSites(device, missing, options);
  for (const [key, variant] of tuned.choices) choices.set(key, variant);
  if (tuned.choices.size) await store.save(adapter, Object.fromEntries(tuned.choices));
  return { choices, fromStore, tuned };
}
