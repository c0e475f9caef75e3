import { describe, expect, it, vi } from 'vitest';
import { DATASETS, getDatasetInfo, loadManifest, type DatasetInfo, type FileRole } from './catalog';
import { loadDataset, type DatasetProgress, type SplitAvailable } from './dataset';
import { DatasetError, datasetErrorInfo } from './errors';
import { gzip, makeIdx, servingFetch, type Served } from './testing/fixtures';

const BASE = 'http://test/data';
const TINY: DatasetInfo = {
  id: 'tiny',
  name: 'Tiny',
  rows: 28,
  cols: 28,
  classNames: ['a', 'b', 'c'],
  files: {
    trainImages: 'tiny/train-images.gz',
    trainLabels: 'tiny/train-labels.gz',
    testImages: 'tiny/test-images.gz',
    testLabels: 'tiny/test-labels.gz',
  },
  source: 'generated',
  split: 'generated',
};

function tinyFiles(train = 5, test = 3, overrides: Partial<Record<FileRole, Served>> = {}) {
  const made = {
    trainImages: makeIdx('images', { count: train, seed: 1 }),
    trainLabels: makeIdx('labels', { count: train, classes: 3, seed: 2 }),
    testImages: makeIdx('images', { count: test, seed: 3 }),
    testLabels: makeIdx('labels', { count: test, classes: 3, seed: 4 }),
  };
  const served = Object.fromEntries(
    (Object.keys(made) as FileRole[]).map((role) => [
      `${BASE}/${TINY.files[role]}`,
      overrides[role] ?? gzip(made[role].file),
    ]),
  );
  return { made, served };
}

async function failure(served: Record<string, Served>, info: DatasetInfo = TINY): Promise<DatasetError> {
  const error = await loadDataset(info, BASE, { fetch: servingFetch(served).fetch }).then(
    () => new Error('expected the load to fail'),
    (e: unknown) => e,
  );
  if (!(error instanceof DatasetError)) throw error;
  return error;
}

describe('loadDataset', () => {
  it('loads the four files, with aggregate progress and early access to complete examples', async () => {
    const { made, served } = tinyFiles();
    const server = servingFetch(served);
    const progress: DatasetProgress[] = [];
    const available: SplitAvailable[] = [];
    const data = await loadDataset({ ...TINY, counts: { train: 5, test: 3 } }, `${BASE}/`, {
      fetch: server.fetch,
      progressIntervalMs: 0,
      onProgress: (p) => progress.push(p),
      onAvailable: (a) => available.push({ ...a }),
    });
    expect(data).toMatchObject({ id: 'tiny', rows: 28, cols: 28, classNames: ['a', 'b', 'c'] });
    expect(data.train).toEqual({
      images: made.trainImages.records,
      labels: made.trainLabels.records,
      count: 5,
    });
    expect(data.test).toEqual({ images: made.testImages.records, labels: made.testLabels.records, count: 3 });
    expect(server.requested.sort()).toEqual(Object.keys(served).sort());

    const totalBytes = Object.values(served).reduce((sum, b) => sum + (b as Uint8Array).length, 0);
    expect(progress.at(-1)).toMatchObject({
      bytesLoaded: totalBytes,
      bytesTotal: totalBytes,
      images: 8,
      totalImages: 8,
    });
    expect(progress.length).toBeGreaterThan(20);
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i].bytesLoaded).toBeGreaterThanOrEqual(progress[i - 1].bytesLoaded);
      expect(progress[i].images).toBeGreaterThanOrEqual(progress[i - 1].images);
    }
    for (const split of ['train', 'test'] as const) {
      const counts = available.filter((a) => a.split === split).map((a) => a.available);
      expect(counts.at(-1)).toBe(data[split].count);
      expect(counts).toEqual([...counts].sort((a, b) => a - b));
      // The arrays handed out early are the very ones returned, filled in place.
      expect(available.find((a) => a.split === split)?.images).toBe(data[split].images);
    }
  });

  it('throttles progress events but always reports the final state', async () => {
    const { served } = tinyFiles();
    const progress: DatasetProgress[] = [];
    await loadDataset(TINY, BASE, {
      fetch: servingFetch(served).fetch,
      progressIntervalMs: 1e9,
      onProgress: (p) => progress.push(p),
    });
    expect(progress).toHaveLength(2);
    expect(progress[1]).toMatchObject({ images: 8, totalImages: 8 });
  });

  it('refuses images and labels that disagree on the count, naming both files', async () => {
    const { served } = tinyFiles(5, 3, {
      trainLabels: gzip(makeIdx('labels', { count: 4, classes: 3 }).file),
    });
    const error = await failure(served);
    expect(error.code).toBe('count-mismatch');
    expect(error.message).toBe(
      'Tiny train set: tiny/train-images.gz holds 5 images but tiny/train-labels.gz holds 4 labels',
    );
  });

  it('refuses files whose count differs from the catalogue', async () => {
    const { served } = tinyFiles(5, 3);
    const error = await failure(served, { ...TINY, counts: { train: 5, test: 4 } });
    expect(error.code).toBe('count-mismatch');
    expect(error.message).toMatch(
      /tiny\/test-(images|labels)\.gz holds 3 (images|labels) but Tiny has 4 test examples/,
    );
  });

  it('refuses a label that is not a class', async () => {
    const { served } = tinyFiles(5, 3, {
      testLabels: gzip(makeIdx('labels', { count: 3, classes: 10, seed: 9 }).file),
    });
    const error = await failure(served);
    expect(error.code).toBe('bad-label');
    expect(error.message).toMatch(/tiny\/test-labels\.gz: label \d of example \d is not a class \(0\.\.2\)/);
  });

  it('reports the missing file and cancels the others rather than waiting for them', async () => {
    const stalled = gzip(makeIdx('images', { count: 5 }).file);
    const { served } = tinyFiles(5, 3, { trainImages: { body: stalled, stallAfter: 100 } });
    delete served[`${BASE}/${TINY.files.testImages}`];
    const server = servingFetch(served);
    const error = await loadDataset(TINY, BASE, { fetch: server.fetch }).then(
      () => new DatasetError('network', '', 'expected the load to fail'),
      (e: DatasetError) => e,
    );
    expect(server.cancelled).toContain(`${BASE}/${TINY.files.trainImages}`);
    expect(error.info()).toEqual({
      code: 'missing',
      file: 'tiny/test-images.gz',
      message: 'dataset file tiny/test-images.gz is missing (HTTP 404)',
    });
    expect(datasetErrorInfo(error)).toEqual(error.info());
  });

  it('passes a corrupt file error through with its code', async () => {
    const { served } = tinyFiles(5, 3, {
      testImages: gzip(makeIdx('images', { count: 3, magic: 1234 }).file),
    });
    expect(await failure(served)).toMatchObject({ code: 'bad-magic', file: 'tiny/test-images.gz' });
  });

  it('stops with code aborted when the caller aborts', async () => {
    const { served } = tinyFiles(5, 3, {
      trainImages: { body: gzip(makeIdx('images', { count: 5 }).file), stallAfter: 50 },
    });
    const controller = new AbortController();
    const load = loadDataset(TINY, BASE, { fetch: servingFetch(served).fetch, signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    await expect(load).rejects.toMatchObject({ code: 'aborted' });
  });
});

describe('loadDataset with a first slice of the train split', () => {
  /** Resolves once the event loop has run its queued work a few times over (the streams have moved on). */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

  /** Starts a load of 60 train and 20 test images whose first 8 train images come before what `wait` names. */
  function heldLoad(wait: () => Promise<unknown> | null, signal?: AbortSignal) {
    const { made, served } = tinyFiles(60, 20);
    const server = servingFetch(served);
    const seen = { train: 0, test: 0 };
    const progress: DatasetProgress[] = [];
    const load = loadDataset(TINY, BASE, {
      fetch: server.fetch,
      signal,
      first: { train: 8, wait },
      onAvailable: (a) => (seen[a.split] = a.available),
      // Throttled to one report until the last, but for the reports made when reads are held.
      progressIntervalMs: 1e9,
      onProgress: (p) => progress.push(p),
    });
    return { made, server, seen, progress, load };
  }

  it('reads the rest of the train split and the test split only once nothing is named to wait for', async () => {
    let open!: () => void;
    let urgent: Promise<void> | null = new Promise<void>((resolve) => (open = resolve));
    const { made, server, seen, progress, load } = heldLoad(() => urgent);
    await vi.waitFor(() => expect(seen.train).toBeGreaterThanOrEqual(8), { timeout: 20_000 });
    await settle();
    // Every file was asked for at once; only the train split's first slice (and what the decompressor
    // had already taken in past it, under a chunk's worth) was read.
    expect(server.requested).toHaveLength(4);
    expect(seen.train).toBeLessThan(60);
    expect(seen.test).toBe(0);
    // The page is told of the images in before the wait.
    expect(progress.at(-1)?.images).toBeGreaterThanOrEqual(Math.max(8, seen.train));
    const held = { ...seen };
    await settle();
    expect(seen).toEqual(held);
    urgent = null;
    open();
    const data = await load;
    expect(seen).toEqual({ train: 60, test: 20 });
    expect(data.train.images).toEqual(made.trainImages.records);
    expect(data.test.labels).toEqual(made.testLabels.records);
  });

  it('goes on when what it waits for fails, and stops with code aborted when aborted while held', async () => {
    const failed = heldLoad(() => Promise.reject(new Error('the backend did not open')));
    expect((await failed.load).test.count).toBe(20);

    const controller = new AbortController();
    const aborted = heldLoad(() => new Promise(() => undefined), controller.signal);
    await vi.waitFor(() => expect(aborted.seen.train).toBeGreaterThanOrEqual(8), { timeout: 20_000 });
    controller.abort();
    await expect(aborted.load).rejects.toMatchObject({ code: 'aborted' });
    expect(aborted.seen.test).toBe(0);
  });
});

describe('catalogue and manifest', () => {
  it('lists MNIST and Fashion-MNIST with ten class names and the four file paths', () => {
    expect(DATASETS.map((d) => d.id)).toEqual(['mnist', 'fashion-mnist']);
    const fashion = getDatasetInfo('fashion-mnist');
    expect(fashion.classNames).toEqual([
      'T-shirt/top',
      'Trouser',
      'Pullover',
      'Dress',
      'Coat',
      'Sandal',
      'Shirt',
      'Sneaker',
      'Bag',
      'Ankle boot',
    ]);
    expect(getDatasetInfo('mnist').files.testLabels).toBe('mnist/t10k-labels-idx1-ubyte.gz');
    expect(getDatasetInfo('mnist').counts).toEqual({ train: 60000, test: 10000 });
    expect(() => getDatasetInfo('cifar')).toThrow(
      'unknown dataset "cifar"; known datasets: mnist, fashion-mnist',
    );
  });

  it('reads a manifest and refuses a malformed one', async () => {
    const file = { path: 'x', kind: 'images', count: 1, bytes: 10, rawBytes: 20, sha256: 'ab' };
    const good = {
      format: 1,
      datasets: [
        { id: 'tiny', files: { trainImages: file, trainLabels: file, testImages: file, testLabels: file } },
      ],
    };
    const json = (body: unknown) => new TextEncoder().encode(JSON.stringify(body));
    const ok = servingFetch({ [`${BASE}/manifest.json`]: json(good) });
    expect((await loadManifest(BASE, { fetch: ok.fetch })).datasets[0].files.testImages.bytes).toBe(10);
    const bad = servingFetch({ [`${BASE}/manifest.json`]: json({ datasets: [{ id: 'tiny', files: {} }] }) });
    await expect(loadManifest(BASE, { fetch: bad.fetch })).rejects.toThrow('is malformed');
    await expect(loadManifest(BASE, { fetch: servingFetch({}).fetch })).rejects.toThrow('HTTP 404');
    const page = servingFetch({ [`${BASE}/manifest.json`]: new TextEncoder().encode('<!doctype html>') });
    await expect(loadManifest(BASE, { fetch: page.fetch })).rejects.toThrow('is missing or not JSON');
  });
});
