// Kernel autotuning ahead of training: once a design is built on WebGPU and the trainer is idle, its
// sites are tuned in the background (stored choices first, then measurements within the budget), the
// page is told how far it got, and the model is rebuilt with the faster variants if training has not
// started. Starting training stops it before the next measurement, so a Train click never waits on it.
import type { TuningStore } from '../engine/tuning/store';
import type { TuneBudget } from '../engine/tuning/tuner';
import type { ModelDescription } from '../model/describe';
import type { Hyperparams } from '../network/hyper';
import type { TrainerBackend } from './backend';
import type { GpuBackend } from './gpu-backend';
import type { TrainerEvent } from './protocol';

export interface TuneAheadOptions {
  store: TuningStore;
  budget?: TuneBudget;
  emit: (event: TrainerEvent) => void;
  /** Rebuilds the model with the backend's new variants, if `desc` on `backend` is still current and idle. */
  rebuild: (backend: TrainerBackend, desc: ModelDescription) => Promise<void>;
}

export class TuneAhead {
  private running: { abort: AbortController; desc: ModelDescription; batch: number } | null = null;
  private finished: { desc: ModelDescription; batch: number; backend: TrainerBackend } | null = null;

  constructor(private readonly options: TuneAheadOptions) {}

  /** Starts tuning `desc` unless it is being (or was) tuned at this batch on this backend. */
  designBuilt(backend: TrainerBackend, desc: ModelDescription, hyper: Hyperparams): void {
    if (backend.kind !== 'webgpu') return;
    const batch = hyper.batchSize;
    const f = this.finished;
    if (f && f.desc === desc && f.batch === batch && f.backend === backend) return;
    if (this.running?.desc === desc && this.running.batch === batch) return;
    this.stop();
    const abort = new AbortController();
    this.running = { abort, desc, batch };
    void this.tune(backend as GpuBackend, desc, hyper, abort.signal).finally(() => {
      if (this.running?.abort === abort) this.running = null;
    });
  }

  stop(): void {
    this.running?.abort.abort();
    this.running = null;
  }

  private async tune(backend: GpuBackend, desc: ModelDescription, hyper: Hyperparams, signal: AbortSignal) {
    const { emit, store, budget } = this.options;
    try {
      // Imported here: a page without WebGPU never evaluates GPU modules.
      const { deviceAdapterKey, tuneDesign } = await import('./kernel-tuning');
      const result = await tuneDesign(backend.device, deviceAdapterKey(backend.device), desc, hyper, store, {
        budget,
        signal,
        onProgress: (p) =>
          emit({ type: 'tuning', done: p.done, total: p.total, finished: false, changed: 0 }),
      });
      backend.variants = result.chooser;
      if (signal.aborted) return;
      if (result.changed > 0) await this.options.rebuild(backend, desc);
      this.finished = { desc, batch: hyper.batchSize, backend };
      const done = result.sites - result.tuned.untuned.length;
      emit({ type: 'tuning', done, total: result.sites, finished: true, changed: result.changed });
    } catch (error) {
      // Tuning only ever speeds training up: a failure leaves the hand-picked kernels, and says so.
      const why = error instanceof Error ? error.message : String(error);
      emit({ type: 'notice', message: `Kernel tuning stopped (${why}); training uses the default kernels.` });
    }
  }
}
