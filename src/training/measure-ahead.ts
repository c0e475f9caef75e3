// The automatic choice's measurement on a software WebGPU adapter, taken while nothing trains. A design
// is built on WebAssembly at once, so the page never waits for the measurement (on SwiftShader, compiling
// the design's pipelines alone takes seconds); it is then measured on both sides in the background and
// moves to WebGPU only if that measured faster and nothing has started training meanwhile. It waits for a
// quiet moment first (`afterMs`), so a Train clicked as soon as the page is ready finds the CPU free (the
// WebGPU side's pipeline compiles cannot be stopped once begun). Any request to train cancels the wait or
// stops the measurement after the step in flight; the design's next build measures again.
import type { ModelDescription } from '../model/describe';
import type { Hyperparams } from '../network/hyper';
import type { BackendSelector } from './backend-selector';

export interface MeasureAheadHost {
  /** Applies the measurement just taken to `desc`, if it is still the design and nothing trains. */
  decide(desc: ModelDescription): Promise<void>;
  fail(error: unknown): void;
}

export class MeasureAhead {
  private running: { abort: AbortController; desc: ModelDescription } | null = null;

  constructor(
    private readonly selector: BackendSelector,
    private readonly host: MeasureAheadHost,
    private readonly afterMs: number,
  ) {}

  /** Measures `desc` after the quiet wait, unless its shape was measured, or it is being measured now. */
  designBuilt(desc: ModelDescription, hyper: Hyperparams): void {
    if (this.running?.desc === desc || !this.selector.measureIdle(desc, hyper)) return;
    this.stop();
    const abort = new AbortController();
    this.running = { abort, desc };
    void quiet(this.afterMs, abort.signal)
      .then(() => this.selector.measure(desc, hyper, abort.signal))
      .then(() => (abort.signal.aborted ? undefined : this.host.decide(desc)))
      .catch((error: unknown) => {
        if (!abort.signal.aborted) this.host.fail(error);
      })
      .finally(() => {
        if (this.running?.abort === abort) this.running = null;
      });
  }

  stop(): void {
    this.running?.abort.abort();
    this.running = null;
  }
}

/** Resolves after `ms`, or rejects at once when `signal` aborts. */
function quiet(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}
