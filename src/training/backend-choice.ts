// Which backend trains, and the sentence the status line gives for it: pure rules over what the worker
// found (a WebGPU adapter, hardware or software fallback, or why none), the CPU kernels it can run, the
// user's preference and, on a fallback adapter, a measurement of the design on both.
import { tr } from '../i18n';
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
  /** The current design is not measured yet: it trains on the CPU until it is (only with WebAssembly). */
  pending?: boolean;
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
  [info.vendor, info.architecture].filter(Boolean).join(' ') ||
  info.description ||
  tr('training:backend.unnamedAdapter');

const ms = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;

export function chooseBackend(input: ChoiceInput): BackendChoice {
  const { preference, gpu, cpu, measured } = input;
  const onCpu = (why: string): BackendChoice => ({
    engine: cpu.kind,
    threads: cpu.threads,
    preference,
    reason: tr('training:backend.cpuBecause', { cpu: cpu.reason, why }),
  });
  const onGpu = (why: string): BackendChoice => ({ engine: 'webgpu', threads: 1, preference, reason: why });
  // The CPU kernels' own reason says it all when the user picked them (or why not the ones picked).
  const asChosen = (): BackendChoice => ({ ...onCpu(''), reason: cpu.reason });
  if (input.forceCpu) return onCpu(tr('training:backend.pageAskedCpu'));
  if (preference === 'js') return asChosen();
  if (preference === 'wasm')
    return cpu.kind === 'wasm' ? onCpu(tr('training:backend.chosenInMenu')) : asChosen();
  if (gpu.kind !== 'found') {
    const why = gpu.kind === 'missing' ? gpu.reason : tr('training:backend.notTried');
    if (input.afterLoss) return onCpu(tr('training:backend.afterLoss', { why }));
    return onCpu(preference === 'webgpu' ? tr('training:backend.notAvailable', { why }) : why);
  }
  const adapter = adapterName(gpu.info);
  if (preference === 'webgpu') return onGpu(tr('training:backend.gpuChosen', { adapter }));
  if (!gpu.info.isFallbackAdapter) return onGpu(tr('training:backend.gpuHardware', { adapter }));
  const fallback = tr('training:backend.fallback', { adapter });
  const cpuName = cpu.kind === 'wasm' ? 'WebAssembly' : tr('training:backend.plainJs');
  if (!measured && input.pending && cpu.kind === 'wasm')
    return onCpu(tr('training:backend.measuringAhead', { fallback }));
  if (!measured) return onGpu(tr('training:backend.measuredAgainst', { fallback, cpu: cpuName }));
  if (measured.webgpuMs === null) {
    const error = measured.webgpuError ?? tr('training:backend.unknownError');
    return onCpu(tr('training:backend.cannotBuild', { fallback, error }));
  }
  const figures = tr('training:backend.figures', {
    fast: ms(Math.min(measured.webgpuMs, measured.cpuMs)),
    slow: ms(Math.max(measured.webgpuMs, measured.cpuMs)),
  });
  return measured.cpuMs < measured.webgpuMs
    ? onCpu(tr('training:backend.cpuFaster', { fallback, cpu: cpuName, figures }))
    : onGpu(tr('training:backend.gpuFaster', { fallback, cpu: cpuName, figures }));
}
