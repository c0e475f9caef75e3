// The worker's CPU kernels: the WebAssembly SIMD ops (on as many threads as chooseCpuBackend allows) or the
// plain-JavaScript reference ops, chosen once. Every CPU model owner (the classifier's backend, a generative
// engine, the replay's one-image model) takes ops of its own from here and disposes them: each wasm
// instance is a bump allocator that its owner releases as a whole when it rebuilds.
import { referenceOps, type CpuOps } from '../engine/cpu-ops';
import {
  chooseCpuBackend,
  detectCpuEnvironment,
  type CpuBackendChoice,
  type CpuBackendOverride,
  type CpuEnvironment,
} from '../engine/wasm/choose';
import { createWasmOps, fetchKernels, type WasmOpsOptions } from '../engine/wasm/create';

/** How the wasm ops get their module and helper threads (Node passes its own; the browser's are the default). */
export type WasmLoaders = Pick<WasmOpsOptions, 'loadModule' | 'spawn'>;

export interface CpuKernels {
  /** wasm or js, the threads, and the reason (what the status line says). */
  readonly choice: CpuBackendChoice;
  /** New ops of that kind for one owner, who disposes them. */
  create(): Promise<CpuOps>;
  /** Releases the instance started to prove the ops run, if no owner took it. */
  dispose(): void;
}

/** A wasm memory starts this small; release() grows it to each model's size (see CpuBackend.build). */
const START_BYTES = 4 * 2 ** 20;

const plainJs = (reason: string): CpuKernels => ({
  choice: { kind: 'js', threads: 1, reason },
  create: async () => referenceOps,
  dispose: () => undefined,
});

/**
 * Chooses the CPU kernels for `override` in this context and starts the wasm ops once to prove they run:
 * where they cannot (a Content-Security-Policy without 'wasm-unsafe-eval', a failed download), the plain
 * JavaScript ops take over and the reason says why.
 */
export async function openCpuKernels(
  override: CpuBackendOverride,
  options: { env?: CpuEnvironment; wasm?: WasmLoaders } = {},
): Promise<CpuKernels> {
  const choice = chooseCpuBackend(options.env ?? detectCpuEnvironment(), override);
  if (choice.kind === 'js') return plainJs(choice.reason);
  // Compiled once per memory kind; every instance shares the module.
  const modules = new Map<boolean, Promise<WebAssembly.Module>>();
  const load = options.wasm?.loadModule ?? fetchKernels;
  const loadModule = (shared: boolean) => {
    if (!modules.has(shared)) modules.set(shared, load(shared));
    return modules.get(shared)!;
  };
  const start = () =>
    createWasmOps({
      threads: choice.threads,
      reserveBytes: START_BYTES,
      loadModule,
      spawn: options.wasm?.spawn,
    });
  let spare: CpuOps | null;
  try {
    spare = await start();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return plainJs(`plain JavaScript (WebAssembly could not start: ${why})`);
  }
  return {
    choice,
    create: async () => {
      // The instance that proved the ops run goes to the first owner.
      const ops = spare ?? (await start());
      spare = null;
      return ops;
    },
    dispose: () => {
      spare?.dispose();
      spare = null;
    },
  };
}
