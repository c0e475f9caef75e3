// Loads a whole dataset (train/test images and labels) in parallel, with aggregate progress, early access to
// the examples already in, and the cross-file checks: counts agree with each other and the catalogue, and
// every label names a class. The first failure cancels the other downloads and is the one reported.
import { tr } from '../i18n';
import { getDatasetInfo, FILE_ROLES, ROLE_KIND, type DataManifest, type DatasetInfo } from './catalog';
import type { FileRole, Split } from './catalog';
import { DatasetMismatchError } from './errors';
import type { IdxHeader, IdxRecords } from './idx';
import { loadIdxFile, type FileProgress, type IdxFile } from './stream';

export interface DatasetSplit {
  /** count * rows * cols pixels, 0..255, row-major, one image after another. */
  images: Uint8Array;
  /** count class indices. */
  labels: Uint8Array;
  count: number;
}

export interface Dataset {
  id: string;
  name: string;
  classNames: readonly string[];
  rows: number;
  cols: number;
  train: DatasetSplit;
  test: DatasetSplit;
}

export interface DatasetProgress {
  /** Summed over the four files (see FileProgress for what a byte is). */
  bytesLoaded: number;
  /** Null while any file's total is unknown. */
  bytesTotal: number | null;
  /** Train plus test images received so far. */
  images: number;
  /** Train plus test images expected (headers, else the catalogue); null while unknown. */
  totalImages: number | null;
  files: Record<FileRole, FileProgress>;
}

/** Examples [0, available) of a split have both image and label; the arrays are the final full-size ones. */
export interface SplitAvailable {
  split: Split;
  images: Uint8Array;
  labels: Uint8Array;
  available: number;
  count: number;
}

export interface LoadDatasetOptions {
  fetch?: typeof fetch;
  signal?: AbortSignal;
  onProgress?: (progress: DatasetProgress) => void;
  /** Called whenever more examples of a split are complete, so training can start on the part already in. */
  onAvailable?: (event: SplitAvailable) => void;
  /** From loadManifest(): gives byte totals when responses lack Content-Length. */
  manifest?: DataManifest;
  stallTimeoutMs?: number;
  /** Minimum time between onProgress calls (default 50 ms; the final state is always reported). */
  progressIntervalMs?: number;
  /**
   * The train split's first `train` examples first: before each read of the test split, and of the train
   * split past them, `wait()` names what to wait for (null: nothing), a rejection counting as done. All four
   * files are still requested at once, so a missing one is reported at once. The worker waits for its
   * backend's opening and a run's first report, which decompression on its thread would slow.
   */
  first?: { train: number; wait(): Promise<unknown> | null };
}

const splitOf = (role: FileRole): Split => (role.startsWith('train') ? 'train' : 'test');
const SPLIT_ROLES: Record<Split, readonly [FileRole, FileRole]> = {
  train: ['trainImages', 'trainLabels'],
  test: ['testImages', 'testLabels'],
};

export async function loadDataset(
  dataset: string | DatasetInfo,
  baseUrl: string,
  options: LoadDatasetOptions = {},
): Promise<Dataset> {
  const info = typeof dataset === 'string' ? getDatasetInfo(dataset) : dataset;
  const base = baseUrl.replace(/\/$/, '');
  const sizes = options.manifest?.datasets.find((d) => d.id === info.id)?.files;
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) onOuterAbort();
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });

  const files = {} as Record<FileRole, FileProgress>;
  const headers: Partial<Record<FileRole, IdxHeader>> = {};
  const buffers: Partial<Record<FileRole, Uint8Array>> = {};
  const records: Record<FileRole, number> = { trainImages: 0, trainLabels: 0, testImages: 0, testLabels: 0 };
  const announced: Record<Split, number> = { train: 0, test: 0 };
  // Totals stay unknown until each file reports: its unit depends on whether the server encoded it.
  for (const role of FILE_ROLES) {
    files[role] = {
      file: info.files[role],
      bytesLoaded: 0,
      bytesTotal: null,
      records: 0,
      totalRecords: null,
    };
  }

  const checkHeader = (role: FileRole, header: IdxHeader) => {
    headers[role] = header;
    const split = splitOf(role);
    const expected = info.counts?.[split];
    if (expected !== undefined && header.count !== expected) {
      throw new DatasetMismatchError(
        'count-mismatch',
        info.files[role],
        tr('training:data.countMismatch', {
          file: info.files[role],
          n: header.count,
          kind: tr(`training:data.kind.${header.kind}`),
          name: info.name,
          expected,
          split: tr(`training:data.split.${split}`),
        }),
      );
    }
    const [img, lab] = SPLIT_ROLES[split];
    const images = headers[img];
    const labels = headers[lab];
    if (images && labels && images.count !== labels.count) {
      throw new DatasetMismatchError(
        'count-mismatch',
        info.files[role],
        tr('training:data.pairMismatch', {
          name: info.name,
          split: tr(`training:data.split.${split}`),
          images: info.files[img],
          nImages: images.count,
          labels: info.files[lab],
          nLabels: labels.count,
        }),
      );
    }
  };

  const checkLabels = (role: FileRole, batch: IdxRecords) => {
    const classes = info.classNames.length;
    const bad = batch.data.findIndex((label) => label >= classes);
    if (bad >= 0) {
      throw new DatasetMismatchError(
        'bad-label',
        info.files[role],
        tr('training:data.badLabel', {
          file: info.files[role],
          label: batch.data[bad],
          index: batch.start + bad,
          max: classes - 1,
        }),
      );
    }
  };

  const announce = (split: Split) => {
    const [img, lab] = SPLIT_ROLES[split];
    const available = Math.min(records[img], records[lab]);
    const images = buffers[img];
    const labels = buffers[lab];
    if (available <= announced[split] || !images || !labels) return;
    announced[split] = available;
    options.onAvailable?.({ split, images, labels, available, count: headers[img]?.count ?? available });
  };

  let lastReport = -Infinity;
  const report = (final = false) => {
    const now = performance.now();
    if (!final && now - lastReport < (options.progressIntervalMs ?? 50)) return;
    lastReport = now;
    const all = FILE_ROLES.map((role) => files[role]);
    const imageFiles = [files.trainImages, files.testImages];
    const headerTotal = imageFiles.every((f) => f.totalRecords !== null)
      ? imageFiles.reduce((sum, f) => sum + (f.totalRecords ?? 0), 0)
      : null;
    options.onProgress?.({
      bytesLoaded: all.reduce((sum, f) => sum + f.bytesLoaded, 0),
      bytesTotal: all.every((f) => f.bytesTotal !== null)
        ? all.reduce((sum, f) => sum + (f.bytesTotal ?? 0), 0)
        : null,
      images: imageFiles.reduce((sum, f) => sum + f.records, 0),
      totalImages: headerTotal ?? (info.counts ? info.counts.train + info.counts.test : null),
      files: { ...files },
    });
  };

  const holdFor = firstHold(options.first, controller.signal);
  let failure: unknown = null;
  const load = (role: FileRole): Promise<IdxFile> =>
    loadIdxFile(`${base}/${info.files[role]}`, ROLE_KIND[role], {
      fetch: options.fetch,
      signal: controller.signal,
      file: info.files[role],
      expectedBytes: sizes?.[role].bytes,
      rows: info.rows,
      cols: info.cols,
      stallTimeoutMs: options.stallTimeoutMs,
      beforeRead: (records) => {
        const hold = holdFor(splitOf(role), records);
        // What is in is reported before a wait, which the progress events' throttle would leave untold.
        if (hold) report(true);
        return hold;
      },
      onHeader: (header) => checkHeader(role, header),
      onRecords: (batch) => {
        if (ROLE_KIND[role] === 'labels') checkLabels(role, batch);
        buffers[role] = batch.all;
        records[role] = batch.start + batch.count;
        announce(splitOf(role));
      },
      onProgress: (progress) => {
        files[role] = progress;
        report();
      },
    }).catch((error: unknown) => {
      // The first failure is the cause; the others are the aborts it triggered.
      if (failure === null) {
        failure = error;
        controller.abort(error);
      }
      throw error;
    });

  try {
    const settled = await Promise.allSettled(FILE_ROLES.map(load));
    if (failure !== null) throw failure;
    const [trainImages, trainLabels, testImages, testLabels] = settled.map(
      (s) => (s as PromiseFulfilledResult<IdxFile>).value,
    );
    report(true);
    return {
      id: info.id,
      name: info.name,
      classNames: info.classNames,
      rows: info.rows,
      cols: info.cols,
      train: { images: trainImages.data, labels: trainLabels.data, count: trainImages.header.count },
      test: { images: testImages.data, labels: testLabels.data, count: testImages.header.count },
    };
  } finally {
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
}

/**
 * What a file of `split` waits for before its next read, having `records` complete: nothing for the train
 * split's first examples, else what `first.wait()` names, or the load's abort.
 */
function firstHold(
  first: LoadDatasetOptions['first'],
  signal: AbortSignal,
): (split: Split, records: number) => Promise<void> | undefined {
  if (!first) return () => undefined;
  const aborted = new Promise<void>((resolve) =>
    signal.addEventListener('abort', () => resolve(), { once: true }),
  );
  const done = () => undefined;
  return (split, records) => {
    if (split === 'train' && records < first.train) return undefined;
    const until = first.wait();
    return until ? Promise.race([until.then(done, done), aborted]) : undefined;
  };
}
