// The dataset requests: a built-in dataset streamed in the background (training can start on the images
// already in), or the user's own images at once. Either replaces the classifier's data and its schedule.
import { tr } from '../i18n';
import { HYPER_LIMITS } from '../network/hyper';
import type { HostDataset } from './backend';
import type { CoreState, Emit } from './core-state';
import { checkDatasetFits, emptyHostDataset, streamDataset, userHostDataset } from './host-dataset';
import type { DatasetId, TrainerEvent, UserDatasetData } from './protocol';

/** Milliseconds of reading between turns of the event loop (see `turn`). */
const TURN_MS = 8;

/** Resolves in a task of its own, after the tasks queued before it (a message channel: no timer clamping). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

export interface DatasetHost {
  emit: Emit;
  fetch?: typeof fetch;
  /** Stops the classifier's run (it trains on the data being replaced). */
  stop(): Promise<void>;
  /** The test split just became complete. */
  testComplete(): void;
  /** What the stream waits for before reading on (the backend's opening, a run's first report), or null. */
  urgent(): Promise<unknown> | null;
}

export class DatasetRequests {
  private loading: AbortController | null = null;
  private lastTurn = 0;

  constructor(
    private readonly s: CoreState,
    private readonly host: DatasetHost,
  ) {}

  /**
   * A turn of the event loop every TURN_MS of reading. Data already received is read and decompressed in
   * promise callbacks, which never yield: a trace showed 0.6 s of MNIST in one task, with a Train click's
   * request waiting behind it (and so behind the wait for the first loss that it sets).
   */
  private turn(): Promise<void> | null {
    const now = performance.now();
    if (now - this.lastTurn < TURN_MS) return null;
    this.lastTurn = now;
    return nextTask();
  }

  /** Ends a load still streaming. */
  abort(): void {
    this.loading?.abort();
  }

  /**
   * Streams a built-in dataset. Past the largest batch of training images, it waits while the host names
   * something more urgent (`urgent`): decompressing on this thread would slow it, and with it Train.
   */
  async load(id: DatasetId, baseUrl: string): Promise<void> {
    const { s } = this;
    // A newer load replaces an unfinished one: it is aborted, and its late records are ignored.
    this.loading?.abort();
    const load = new AbortController();
    this.loading = load;
    await this.host.stop();
    const dataset = emptyHostDataset();
    s.data = dataset;
    s.streaming = true;
    s.schedule = null;
    const emit = (event: TrainerEvent) => dataset === s.data && this.host.emit(event);
    await streamDataset(
      id,
      baseUrl,
      this.host.fetch,
      dataset,
      {
        emit,
        onRecords: (split, from, to) => {
          if (dataset !== s.data) return;
          s.backend?.syncDataset(dataset, split, from, to);
          if (split === 'test' && to === dataset.test.capacity) this.host.testComplete();
        },
      },
      load.signal,
      { train: HYPER_LIMITS.maxBatchSize, wait: () => this.host.urgent() ?? this.turn() },
    );
    if (dataset === s.data) s.streaming = false;
  }

  /** The user's own images replace the dataset at once (they are all here); a bad one changes nothing. */
  async use(data: UserDatasetData): Promise<void> {
    const { s } = this;
    let dataset: HostDataset;
    try {
      dataset = userHostDataset(data, HYPER_LIMITS.maxBatchSize);
      checkDatasetFits(dataset, s.backend?.maxBufferBytes);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.host.emit({
        type: 'datasetError',
        message: tr('training:yourDataset', { message }),
        retryable: false,
      });
      return;
    }
    this.loading?.abort();
    this.loading = null;
    await this.host.stop();
    s.data = dataset;
    s.streaming = false;
    s.schedule = null;
    for (const split of ['train', 'test'] as const)
      s.backend?.syncDataset(dataset, split, 0, dataset[split].available);
    this.host.testComplete();
    this.host.emit({
      type: 'datasetReady',
      train: data.train.labels.length,
      test: dataset.test.available,
      classNames: [...data.classNames],
    });
  }
}
