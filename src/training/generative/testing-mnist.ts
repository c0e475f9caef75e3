// Test and script support without GPU modules: real MNIST on the host (from public/data on disk) and the
// images of a split as floats.
import type { HostDataset } from '../backend';
import { emptyHostDataset, streamDataset } from '../host-dataset';
import { diskFetch } from '../testing/harness';

export async function loadMnist(): Promise<HostDataset> {
  const host = emptyHostDataset();
  const ok = await streamDataset('mnist', 'data', diskFetch, host, {
    onRecords: () => undefined,
    emit: (event) => {
      if (event.type === 'datasetError') throw new Error(event.message);
    },
  });
  if (!ok) throw new Error('MNIST did not load from public/data');
  return host;
}

/** Images [from, from + count) of a split as floats, pixel/255 scaled by (v - mean) / std. */
export function imagesOf(
  host: HostDataset,
  split: 'train' | 'test',
  from: number,
  count: number,
  norm = { mean: 0, std: 1 },
): Float32Array {
  const px = host.pixels;
  const bytes = host[split].images.subarray(from * px, (from + count) * px);
  return Float32Array.from(bytes, (v) => (v / 255 - norm.mean) / norm.std);
}
