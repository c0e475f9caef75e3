// Page-side WebGPU probe: only reads the adapter's description; the training worker owns the device.
import { tr } from '../../i18n';
import type { GpuStatus, GpuSummary } from './types';

const KEY_LIMITS = [
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupsPerDimension',
] as const;

export function summarizeAdapter(adapter: GPUAdapter): GpuSummary {
  const limits: Record<string, number> = {};
  for (const name of KEY_LIMITS) limits[name] = adapter.limits[name];
  return {
    vendor: adapter.info?.vendor ?? '',
    architecture: adapter.info?.architecture ?? '',
    description: adapter.info?.description ?? '',
    features: {
      shaderF16: adapter.features.has('shader-f16'),
      subgroups: adapter.features.has('subgroups'),
    },
    limits,
  };
}

export async function probeWebGpu(gpu: GPU | undefined = globalThis.navigator?.gpu): Promise<GpuStatus> {
  if (!gpu) return { kind: 'unavailable', reason: tr('ui:probe.thisBrowserDoesNot') };
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return { kind: 'unavailable', reason: tr('ui:probe.webgpuIsPresentBut') };
    return { kind: 'available', gpu: summarizeAdapter(adapter) };
  } catch (err) {
    return { kind: 'unavailable', reason: tr('ui:probe.requestingAWebgpuAdapter', { err: String(err) }) };
  }
}
