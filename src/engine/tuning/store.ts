// Where tuned choices are kept: per adapter (its identity and the kernels' tuning version) and site key.
// The browser keeps them in IndexedDB (training/tuning-store.ts), Node in a JSON file (bench/), tests in memory.
import type { GpuInfo } from '../../gpu/device';

/** Bumped when kernels change enough that earlier measurements no longer hold. */
export const TUNING_VERSION = 1;

export interface TuningStore {
  /** Every stored choice for the adapter: site key -> variant. */
  load(adapter: string): Promise<Record<string, string>>;
  /** Adds (or replaces) choices for the adapter. */
  save(adapter: string, choices: Readonly<Record<string, string>>): Promise<void>;
}

/** The adapter's identity as far as kernel speed goes: the same GPU and driver family, the same features. */
export function adapterKey(info: GpuInfo): string {
  const { vendor, architecture, device, description, isFallbackAdapter, features } = info;
  const f = `${features.subgroups ? 'sg' : ''}${features.shaderF16 ? 'f16' : ''}`;
  return `v${TUNING_VERSION}|${vendor}|${architecture}|${device}|${description}|${isFallbackAdapter ? 'fallback' : 'hw'}|${f}`;
}

export function memoryTuningStore(): TuningStore {
  const kept = new Map<string, Record<string, string>>();
  return {
    load: async (adapter) => ({ ...(kept.get(adapter) ?? {}) }),
    save: async (adapter, choices) => {
      kept.set(adapter, { ...(kept.get(adapter) ?? {}), ...choices });
    },
  };
}
