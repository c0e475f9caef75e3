// The dataset as the trainer holds it on the host: the loader's full-size arrays, with the count of
// complete records per split. Backends copy new ranges out of it as they stream in.
import { datasetErrorInfo, loadDataset, type DatasetProgress, type LoadDatasetOptions } from '../data';
import { tr } from '../i18n';
import { formatBytes } from '../network/memory';
import type { HostDataset } from './backend';
import type { DatasetId, TrainerEvent, UserDatasetData } from './protocol';

export interface StreamCallbacks {
  /** Records [from, to) of a split just became complete. */
  onRecords(split: 'train' | 'test', from: number, to: number): void;
  emit(event: TrainerEvent): void;
}

const PIXELS = 28 * 28;

export function emptyHostDataset(): HostDataset {
  const empty = { images: new Uint8Array(0), labels: new Uint8Array(0), capacity: 0, available: 0 };
  return { pixels: PIXELS, train: { ...empty }, test: { ...empty } };
}

/**
 * Streams a dataset into `host`; resolves true when complete, false after reporting a failure. `first`
 * puts a first slice of training images ahead of the rest and lets other work go first (see
 * LoadDatasetOptions).
 */
export async function streamDataset(
  id: DatasetId,
  baseUrl: string,
  fetchFn: typeof fetch | undefined,
  host: HostDataset,
  callbacks: StreamCallbacks,
  signal?: AbortSignal,
  first?: LoadDatasetOptions['first'],
): Promise<boolean> {
  try {
    const done = await loadDataset(id, baseUrl, {
      fetch: fetchFn,
      signal,
      first,
      onProgress: (p: DatasetProgress) =>
        callbacks.emit({
          type: 'datasetProgress',
          bytesLoaded: p.bytesLoaded,
          bytesTotal: p.bytesTotal ?? 0,
          images: p.images,
          totalImages: p.totalImages ?? 0,
          train: host.train.available,
        }),
      onAvailable: (a) => {
        const split = host[a.split];
        const from = split.available;
        split.images = a.images;
        split.labels = a.labels;
        split.capacity = a.count;
        split.available = a.available;
        callbacks.onRecords(a.split, from, a.available);
      },
    });
    for (const name of ['train', 'test'] as const) {
      const split = host[name];
      const from = split.available;
      Object.assign(split, {
        images: done[name].images,
        labels: done[name].labels,
        capacity: done[name].count,
        available: done[name].count,
      });
      if (from < split.available) callbacks.onRecords(name, from, split.available);
    }
    callbacks.emit({
      type: 'datasetReady',
      train: done.train.count,
      test: done.test.count,
      classNames: [...done.classNames],
    });
    return true;
  } catch (error) {
    // A load replaced by a newer one ends quietly.
    if (signal?.aborted) return false;
    const info = datasetErrorInfo(error);
    const retryable = !info || ['missing', 'http', 'network', 'truncated'].includes(info.code);
    callbacks.emit({
      type: 'datasetError',
      message: info?.message ?? (error instanceof Error ? error.message : String(error)),
      retryable,
    });
    return false;
  }
}

/**
 * The user's dataset as the trainer holds it, checked. A step takes a whole batch (drop_last), so a train
 * split smaller than `minTrain` (the largest batch) is repeated in order until it has at least that many.
 */
export function userHostDataset(data: UserDatasetData, minTrain: number): HostDataset {
  const { pixels, classNames, shape } = data;
  if (!Number.isInteger(pixels) || pixels < 1)
    throw new Error(`an image has a whole number of pixels, not ${pixels}`);
  if (shape.length !== 3 || shape[0] * shape[1] * shape[2] !== pixels)
    throw new Error(`an image of ${shape.join('×')} does not have ${pixels} values`);
  for (const name of ['train', 'test'] as const) {
    const { images, labels } = data[name];
    if (labels.length === 0) throw new Error(`the ${name} split has no images`);
    if (images.length !== labels.length * pixels)
      throw new Error(`the ${name} split has ${labels.length} labels but ${images.length / pixels} images`);
    const bad = labels.findIndex((l) => l >= classNames.length);
    if (bad >= 0)
      throw new Error(
        `${name} image ${bad} has label ${labels[bad]}, but there are ${classNames.length} classes`,
      );
  }
  const n = data.train.labels.length;
  const copies = Math.ceil(minTrain / n);
  const images = new Uint8Array(n * copies * pixels);
  const labels = new Uint8Array(n * copies);
  for (let c = 0; c < copies; c++) {
    images.set(data.train.images, c * n * pixels);
    labels.set(data.train.labels, c * n);
  }
  const whole = (images: Uint8Array, labels: Uint8Array) => ({
    images,
    labels,
    capacity: labels.length,
    available: labels.length,
  });
  return {
    pixels,
    train: whole(images, labels),
    test: whole(data.test.images, data.test.labels),
    imageShape: [shape[0], shape[1], shape[2]],
  };
}

/**
 * Throws, with the numbers, when a split's images would not fit in one buffer of `maxBufferBytes` (the
 * GPU's largest storage binding: the images live on the GPU as one buffer each split; absent on the CPU).
 * Large colour images reach it first: 5,000 of 3×96×96 take 138 MB against WebGPU's default 128 MiB.
 */
export function checkDatasetFits(data: HostDataset, maxBufferBytes: number | undefined): void {
  if (!maxBufferBytes || !data.imageShape) return;
  for (const split of [data.train, data.test]) {
    const bytes = split.capacity * data.pixels;
    if (bytes > maxBufferBytes)
      throw new Error(
        tr('training:yourDatasetTooBig', {
          count: split.capacity,
          shape: data.imageShape.join('×'),
          bytes: formatBytes(bytes),
          cap: formatBytes(maxBufferBytes),
        }),
      );
  }
}
