// One shared device per test file, with every uncaptured GPU error recorded so a test can fail on it.
import { acquireGpu, type AcquiredGpu } from '../device';
import { withErrorScopes } from '../errors';

let acquired: Promise<AcquiredGpu> | undefined;
export const uncapturedErrors: string[] = [];

export async function getTestGpu(): Promise<AcquiredGpu> {
  acquired ??= acquireGpu().then((gpu) => {
    gpu.device.addEventListener('uncapturederror', (e) => {
      uncapturedErrors.push((e as GPUUncapturedErrorEvent).error.message);
    });
    return gpu;
  });
  return acquired;
}

export async function getTestDevice(): Promise<GPUDevice> {
  return (await getTestGpu()).device;
}

/** Runs GPU work inside validation/oom/internal error scopes; any error fails the calling test. */
export async function gpuCheck<T>(work: (device: GPUDevice) => T | Promise<T>): Promise<T> {
  const device = await getTestDevice();
  const result = await withErrorScopes(device, () => work(device));
  if (uncapturedErrors.length) throw new Error(`uncaptured WebGPU errors: ${uncapturedErrors.join('; ')}`);
  return result;
}
