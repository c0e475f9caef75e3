// Test support for the generative trainers: real MNIST on the GPU (and, from testing-mnist.ts, on the host).
import type { HostDataset } from '../backend';
import { GpuDataset } from '../gpu-dataset';

export { imagesOf, loadMnist } from './testing-mnist';

export function gpuDataset(device: GPUDevice, host: HostDataset): GpuDataset {
  const data = new GpuDataset(device);
  data.sync(host, 'train', 0, host.train.available);
  data.sync(host, 'test', 0, host.test.available);
  return data;
}
