// Which CPU backend to run when WebGPU is missing or is a software fallback: the wasm ops (and on how many
// threads) or the plain-JavaScript reference ops. chooseCpuBackend is pure, so the rules are tested alone;
// detectCpuEnvironment reads what it needs from the running context.
import { tr } from '../../i18n';
import { sharedMemoryAllowed } from './create';

export type CpuBackendKind = 'wasm' | 'js';
export type CpuBackendOverride = 'auto' | CpuBackendKind;

export interface CpuEnvironment {
  /** WebAssembly with 128-bit SIMD validates here. */
  wasmSimd: boolean;
  /** Memory can be shared between threads (SharedArrayBuffer: a cross-origin isolated context). */
  sharedMemory: boolean;
  /** Logical cores (navigator.hardwareConcurrency), or null when unknown. */
  cores: number | null;
}

/** Milliseconds per microBenchmark iteration of candidates measured on this machine (optional). */
export interface CpuMeasurements {
  wasm1?: number;
  wasmThreaded?: number;
}

export interface CpuBackendChoice {
  kind: CpuBackendKind;
  /** Threads for the wasm ops (1 for js). */
  threads: number;
  /** One line for the status bar. */
  reason: string;
}

/** Most threads chosen automatically: LeNet-sized layers stop gaining beyond this. */
export const MAX_AUTO_THREADS = 4;

/** Threads for a machine: all cores up to 2, then one left for the page, at most MAX_AUTO_THREADS. */
export function threadsFor(cores: number | null): number {
  const c = cores && Number.isInteger(cores) && cores > 0 ? cores : 1;
  return Math.min(MAX_AUTO_THREADS, c <= 2 ? c : c - 1);
}

export function chooseCpuBackend(
  env: CpuEnvironment,
  override: CpuBackendOverride = 'auto',
  measured: CpuMeasurements = {},
): CpuBackendChoice {
  if (override === 'js') return { kind: 'js', threads: 1, reason: tr('training:backend.jsChosen') };
  if (!env.wasmSimd) {
    const why = tr('training:backend.noSimd');
    return {
      kind: 'js',
      threads: 1,
      reason: tr(override === 'wasm' ? 'training:backend.jsBecause' : 'training:backend.jsParen', { why }),
    };
  }
  const wanted = threadsFor(env.cores);
  if (wanted > 1 && !env.sharedMemory) {
    return {
      kind: 'wasm',
      threads: 1,
      reason: tr('training:backend.wasmNotIsolated'),
    };
  }
  const { wasm1, wasmThreaded } = measured;
  if (wanted > 1 && wasm1 !== undefined && wasmThreaded !== undefined && wasmThreaded >= wasm1) {
    return {
      kind: 'wasm',
      threads: 1,
      reason: tr('training:backend.wasmNoFaster'),
    };
  }
  return {
    kind: 'wasm',
    threads: wanted,
    reason: tr('training:backend.wasmThreads', { count: wanted }),
  };
}

/**
 * The smallest module returning a v128: it validates only where 128-bit SIMD is supported. Validating
 * compiles nothing, so it answers even where a Content-Security-Policy would refuse compiling.
 */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 22, 1, 20, 0, 253, 12, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 11,
]);

export function detectCpuEnvironment(): CpuEnvironment {
  const wasm = typeof WebAssembly === 'object' && typeof WebAssembly.validate === 'function';
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator
    ?.hardwareConcurrency;
  return {
    wasmSimd: wasm && WebAssembly.validate(SIMD_PROBE),
    sharedMemory: sharedMemoryAllowed(),
    cores: typeof cores === 'number' ? cores : null,
  };
}
