// Which backend trains, and the sentence the status line gives for it: pure rules over what the worker
// found (a WebGPU adapter, hardware or software fallback, or why none), the CPU kernels it can run, the
// user's preference and, on a fallback adapter, a measurement of the design on both.
import type { CpuBackendChoice, CpuBackendOverride } from '../engine/wasm/choose';
import type { GpuInfo } from '../gpu/device';
import type { BackendChoice, BackendPreference } from './protocol';

/** What looking for WebGPU gave: an adapter and device, the reason there is none, or no look (a CPU preference). */
export type GpuFinding =
  { kind: 'found'; info: GpuInfo } | { kind: 'missing'; reason: string } | { kind: 'skipped' };

/** Milliseconds per training step of one design on each side; webgpuMs null when WebGPU could not build it. */
export interface DesignMeasurement {
  webgpuMs: number | null;
  cpuMs: number;
  /** Why WebGPU could not build the design, when it could not. */
  webgpuError?: string;
}

export interface ChoiceInput {
  preference: BackendPreference;
  /** The page asked for the CPU whatever the preference. */
  forceCpu?: boolean;
  gpu: GpuFinding;
  cpu: CpuBackendChoice;
  /** The current design measured on both sides (only consulted on a fallback adapter under 'auto'). */
  measured?: DesignMeasurement;
  /** The WebGPU device was just lost and none came back (worded into the reason). */
  afterLoss?: boolean;
}

/** The CPU kernels to open for a preference: the user's own choice of them, else the automatic one. */
export function cpuOverrideFor(preference: BackendPreference): CpuBackendOverride {
  return preference === 'js' || preference === 'wasm' ? preference : 'auto';
}

/** Whether a WebGPU device is worth acquiring for this preference. */
export function wantsGpu(preference: BackendPreference, forceCpu = false): boolean {
  return !forceCpu && (preference === 'auto' || preference === 'webgpu');
}

/** Whether each design must be measured on both sides: 'auto' with only a software fallback adapter. */
export function measuresDesigns(preference: BackendPreference, gpu: GpuFinding, forceCpu = false): boolean {
  return !forceCpu && preference === 'auto' && gpu.kind === 'found' && gpu.info.isFallbackAdapter;
}

const adapterName = (info: GpuInfo) =>
  [info.vendor, info.architecture].filter(Boolean).join(' ') || info.description || 'unnamed adapter';

const ms = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;

export function chooseBackend(input: ChoiceInput): BackendChoice {
  const { preference, gpu, cpu, measured } = input;
  const onCpu = (why: string): BackendChoice => ({
    engine: cpu.kind,
    threads: cpu.threads,
    preference,
    reason: `${cpu.reason}: ${why}`,
  });
  const onGpu = (why: string): BackendChoice => ({ engine: 'webgpu', threads: 1, preference, reason: why });
  // The CPU kernels' own reason says it all when the user picked them (or why not the ones picked).
  const asChosen = (): BackendChoice => ({ ...onCpu(''), reason: cpu.reason });
  if (input.forceCpu) return onCpu('the page asked for the CPU backend');
  if (preference === 'js') return asChosen();
  if (preference === 'wasm') return cpu.kind === 'wasm' ? onCpu('chosen in the backend menu') : asChosen();
  if (gpu.kind !== 'found') {
    const why = gpu.kind === 'missing' ? gpu.reason : 'WebGPU was not tried';
    if (input.afterLoss) return onCpu(`the GPU device was lost and no new one came (${why})`);
    return onCpu(preference === 'webgpu' ? `WebGPU was chosen but is not available (${why})` : why);
  }
  const adapter = adapterName(gpu.info);
  if (preference === 'webgpu') return onGpu(`WebGPU on ${adapter}, chosen in the backend menu`);
  if (!gpu.info.isFallbackAdapter) return onGpu(`WebGPU on ${adapter}, a hardware adapter`);
  const fallback = `the only WebGPU adapter is a software fallback (${adapter})`;
  const cpuName = cpu.kind === 'wasm' ? 'WebAssembly' : 'plain JavaScript';
  if (!measured) return onGpu(`WebGPU: ${fallback}; each design is measured against ${cpuName}`);
  if (measured.webgpuMs === null) {
    return onCpu(
      `${fallback}, and it could not build this design (${measured.webgpuError ?? 'unknown error'})`,
    );
  }
  const figures = `${ms(Math.min(measured.webgpuMs, measured.cpuMs))} against ${ms(Math.max(measured.webgpuMs, measured.cpuMs))} a step`;
  return measured.cpuMs < measured.webgpuMs
    ? onCpu(`${fallback}, and ${cpuName} measured faster for this design (${figures})`)
    : onGpu(`WebGPU: ${fallback}, and it measured faster than ${cpuName} for this design (${figures})`);
}
