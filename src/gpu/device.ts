// Acquires one adapter and device and describes them; the rest of the app reads capabilities from here.
import { tr } from '../i18n';
import { probeQuadLanes } from './subgroups';

export interface GpuInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  isFallbackAdapter: boolean;
  features: { shaderF16: boolean; subgroups: boolean; timestampQuery: boolean };
  limits: {
    maxStorageBufferBindingSize: number;
    maxBufferSize: number;
    maxComputeWorkgroupStorageSize: number;
    maxComputeInvocationsPerWorkgroup: number;
    maxComputeWorkgroupsPerDimension: number;
    maxStorageBuffersPerShaderStage: number;
  };
}

export interface AcquiredGpu {
  adapter: GPUAdapter;
  device: GPUDevice;
  info: GpuInfo;
}

export class WebGpuUnavailableError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'WebGpuUnavailableError';
  }
}

export function describeAdapter(adapter: GPUAdapter): GpuInfo {
  const info = adapter.info;
  const l = adapter.limits;
  return {
    vendor: info?.vendor ?? '',
    architecture: info?.architecture ?? '',
    device: info?.device ?? '',
    description: info?.description ?? '',
    isFallbackAdapter: Boolean((info as { isFallbackAdapter?: boolean } | undefined)?.isFallbackAdapter),
    features: {
      shaderF16: adapter.features.has('shader-f16'),
      subgroups: adapter.features.has('subgroups'),
      timestampQuery: adapter.features.has('timestamp-query'),
    },
    limits: {
      maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
      maxBufferSize: l.maxBufferSize,
      maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
      maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
      maxComputeWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension,
      maxStorageBuffersPerShaderStage: l.maxStorageBuffersPerShaderStage,
    },
  };
}

/**
 * Requests the adapter and a device with the adapter's own buffer limits (the defaults are smaller),
 * timestamp queries where offered, for per-layer timing, and subgroups where offered, for kernels that
 * share loads across lanes (probed here; see subgroups.ts).
 */
export async function acquireGpu(gpu: GPU | undefined = globalThis.navigator?.gpu): Promise<AcquiredGpu> {
  if (!gpu) throw new WebGpuUnavailableError(tr('training:backend.noWebGpu'));
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new WebGpuUnavailableError(tr('training:backend.noAdapter'));
  const optional: GPUFeatureName[] = ['timestamp-query', 'subgroups' as GPUFeatureName];
  const wanted = optional.filter((f) => adapter.features.has(f));
  const device = await adapter.requestDevice({
    label: 'cnn-playground',
    requiredFeatures: wanted,
    requiredLimits: {
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
      maxStorageBuffersPerShaderStage: adapter.limits.maxStorageBuffersPerShaderStage,
      maxComputeWorkgroupStorageSize: adapter.limits.maxComputeWorkgroupStorageSize,
      maxComputeInvocationsPerWorkgroup: adapter.limits.maxComputeInvocationsPerWorkgroup,
    },
  });
  await probeQuadLanes(device);
  return { adapter, device, info: describeAdapter(adapter) };
}
