import { describe, expect, it } from 'vitest';
import type { CpuBackendChoice } from '../engine/wasm/choose';
import type { GpuInfo } from '../gpu/device';
import { chooseBackend, cpuOverrideFor, measuresDesigns, wantsGpu, type GpuFinding } from './backend-choice';

const adapter = (isFallbackAdapter: boolean): GpuInfo => ({
  vendor: isFallbackAdapter ? 'google' : 'nvidia',
  architecture: isFallbackAdapter ? 'swiftshader' : 'ampere',
  device: '',
  description: '',
  isFallbackAdapter,
  features: { shaderF16: false, subgroups: false, timestampQuery: false },
  limits: {
    maxStorageBufferBindingSize: 2 ** 27,
    maxBufferSize: 2 ** 28,
    maxComputeWorkgroupStorageSize: 16384,
    maxComputeInvocationsPerWorkgroup: 256,
    maxComputeWorkgroupsPerDimension: 65535,
    maxStorageBuffersPerShaderStage: 8,
  },
});
const hardware: GpuFinding = { kind: 'found', info: adapter(false) };
const fallback: GpuFinding = { kind: 'found', info: adapter(true) };
const missing: GpuFinding = {
  kind: 'missing',
  reason: 'This browser has no WebGPU (navigator.gpu is missing).',
};
const wasm2: CpuBackendChoice = { kind: 'wasm', threads: 2, reason: 'WebAssembly, 2 threads' };
const js: CpuBackendChoice = {
  kind: 'js',
  threads: 1,
  reason: 'plain JavaScript (WebAssembly SIMD is not available in this browser)',
};

describe('chooseBackend', () => {
  it('takes WebGPU on a hardware adapter', () => {
    expect(chooseBackend({ preference: 'auto', gpu: hardware, cpu: wasm2 })).toEqual({
      engine: 'webgpu',
      threads: 1,
      preference: 'auto',
      reason: 'WebGPU on nvidia ampere, a hardware adapter',
    });
  });

  it('takes WebAssembly where WebGPU is missing, and plain JavaScript where SIMD is missing too', () => {
    const c = chooseBackend({ preference: 'auto', gpu: missing, cpu: wasm2 });
    expect(c).toMatchObject({ engine: 'wasm', threads: 2 });
    expect(c.reason).toBe('WebAssembly, 2 threads: This browser has no WebGPU (navigator.gpu is missing).');
    expect(chooseBackend({ preference: 'auto', gpu: missing, cpu: js })).toMatchObject({
      engine: 'js',
      threads: 1,
      reason: expect.stringMatching(/^plain JavaScript \(WebAssembly SIMD is not available.*no WebGPU/),
    });
  });

  it('on a fallback adapter takes whichever side measured faster for the design, with both figures', () => {
    const base = { preference: 'auto' as const, gpu: fallback, cpu: wasm2 };
    const cpuFaster = chooseBackend({ ...base, measured: { webgpuMs: 41.2, cpuMs: 12.34 } });
    expect(cpuFaster.engine).toBe('wasm');
    expect(cpuFaster.reason).toBe(
      'WebAssembly, 2 threads: the only WebGPU adapter is a software fallback (google swiftshader), and ' +
        'WebAssembly measured faster for this design (12 ms against 41 ms a step)',
    );
    const gpuFaster = chooseBackend({ ...base, measured: { webgpuMs: 3.21, cpuMs: 8 } });
    expect(gpuFaster.engine).toBe('webgpu');
    expect(gpuFaster.reason).toMatch(
      /measured faster than WebAssembly for this design \(3\.2 ms against 8\.0 ms/,
    );
    const unbuildable = chooseBackend({
      ...base,
      measured: { webgpuMs: null, cpuMs: 8, webgpuError: 'buffer too large' },
    });
    expect(unbuildable.engine).toBe('wasm');
    expect(unbuildable.reason).toMatch(/could not build this design \(buffer too large\)/);
    // Before any design: WebGPU, saying that designs will be measured.
    expect(chooseBackend(base).reason).toMatch(/each design is measured against WebAssembly/);
    // A design not measured yet trains on WebAssembly until it is; plain JavaScript waits for the measurement.
    const pending = chooseBackend({ ...base, pending: true });
    expect(pending).toMatchObject({ engine: 'wasm', threads: 2 });
    expect(pending.reason).toBe(
      'WebAssembly, 2 threads: the only WebGPU adapter is a software fallback (google swiftshader); ' +
        'WebGPU is measured against it for this design while nothing trains',
    );
    expect(chooseBackend({ ...base, cpu: js, pending: true }).engine).toBe('webgpu');
  });

  it('measures designs only under auto with a fallback adapter', () => {
    expect(measuresDesigns('auto', fallback)).toBe(true);
    expect(measuresDesigns('auto', fallback, true)).toBe(false);
    expect(measuresDesigns('webgpu', fallback)).toBe(false);
    expect(measuresDesigns('auto', hardware)).toBe(false);
    expect(measuresDesigns('auto', missing)).toBe(false);
  });

  it('honours the user: WebGPU even on a fallback adapter, and the CPU kinds without looking for a GPU', () => {
    const webgpu = chooseBackend({
      preference: 'webgpu',
      gpu: fallback,
      cpu: wasm2,
      measured: { webgpuMs: 50, cpuMs: 1 },
    });
    expect(webgpu.engine).toBe('webgpu');
    expect(webgpu.reason).toBe('WebGPU on google swiftshader, chosen in the backend menu');
    expect(chooseBackend({ preference: 'webgpu', gpu: missing, cpu: wasm2 }).reason).toMatch(
      /^WebAssembly, 2 threads: WebGPU was chosen but is not available \(This browser has no WebGPU/,
    );
    expect(wantsGpu('wasm')).toBe(false);
    expect(wantsGpu('js')).toBe(false);
    expect(wantsGpu('auto', true)).toBe(false);
    const skipped: GpuFinding = { kind: 'skipped' };
    expect(chooseBackend({ preference: 'wasm', gpu: skipped, cpu: wasm2 })).toMatchObject({
      engine: 'wasm',
      threads: 2,
      reason: 'WebAssembly, 2 threads: chosen in the backend menu',
    });
    // WebAssembly asked for where SIMD is missing: the CPU kernels' reason says why it is plain JavaScript.
    const noSimd = {
      kind: 'js' as const,
      threads: 1,
      reason: 'plain JavaScript: WebAssembly SIMD is not available in this browser',
    };
    expect(chooseBackend({ preference: 'wasm', gpu: skipped, cpu: noSimd })).toMatchObject({
      engine: 'js',
      reason: noSimd.reason,
    });
    expect(cpuOverrideFor('js')).toBe('js');
    expect(cpuOverrideFor('webgpu')).toBe('auto');
  });

  it('says when the page forced the CPU, and when a lost device did not come back', () => {
    expect(
      chooseBackend({ preference: 'auto', forceCpu: true, gpu: { kind: 'skipped' }, cpu: wasm2 }).reason,
    ).toBe('WebAssembly, 2 threads: the page asked for the CPU backend');
    expect(chooseBackend({ preference: 'auto', gpu: missing, cpu: wasm2, afterLoss: true }).reason).toMatch(
      /the GPU device was lost and no new one came \(This browser has no WebGPU/,
    );
  });
});
