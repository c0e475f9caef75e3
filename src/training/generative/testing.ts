// Test support for the generative trainers: real MNIST on the host (from public/data on disk) and on the
// GPU, and the images of a split as floats.
import { describeModel } from '../../engine/model/describe';
import { wireSpec } from '../../network/analyze';
import { presetSpec } from '../../network/presets';
import type { HostDataset } from '../backend';
import { GpuDataset } from '../gpu-dataset';
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

export function gpuDataset(device: GPUDevice, host: HostDataset): GpuDataset {
  const data = new GpuDataset(device);
  data.sync(host, 'train', 0, host.train.available);
  data.sync(host, 'test', 0, host.test.available);
  return data;
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

/**
 * A preset with its channel and hidden widths divided by `k` (same layers, kernels and shapes): the
 * SwiftShader tests train these, as the full-width presets take seconds per step on a CPU.
 */
export function narrowPreset(
  id: 'autoencoder' | 'dcgan-generator' | 'dcgan-discriminator',
  k: number,
  options: { bottleneck?: number } = {},
) {
  const spec = presetSpec(id);
  for (const l of spec.layers) {
    if ((l.kind === 'Conv2d' || l.kind === 'ConvTranspose2d') && l.out_channels > 1) l.out_channels /= k;
    if (l.kind === 'Linear' && l.out_features > 16) l.out_features /= k;
    if (l.kind === 'Unflatten')
      l.unflattened_size = [l.unflattened_size[0] / k, l.unflattened_size[1], l.unflattened_size[2]];
  }
  const bottleneck = spec.layers.find((l) => l.id === 'bottleneck');
  if (options.bottleneck && bottleneck?.kind === 'Linear') bottleneck.out_features = options.bottleneck;
  const wired = wireSpec(spec);
  return { spec: wired, desc: describeModel(wired.input.shape, wired.layers) };
}
