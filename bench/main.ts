// The benchmark page. scripts/bench.mjs opens it in headless Chromium (a fresh page per measurement)
// and calls window.cnnBench.run(name, options); each measurement returns plain JSON.
import { acquireGpu } from '../src/gpu/device';
import { installBufferCounters } from './gpu-counters';

installBufferCounters();
const moduleLoadedAt = performance.now();

type Options = Record<string, unknown>;

// Time to the first training step starts counting at navigation, so it starts here, not when asked.
const params = new URLSearchParams(location.search);
const firstStep =
  params.get('measure') === 'firstStep'
    ? import('./ours-trainer').then((m) => m.oursFirstStep(Number(params.get('batch') ?? 64), moduleLoadedAt))
    : null;

// Each measurement is imported on demand, so a page loads only what it runs (TF.js stays out of ours).
const measurements: Record<string, (o: Options) => Promise<unknown>> = {
  adapter: async () => {
    const { info, device } = await acquireGpu();
    device.destroy();
    return { status: 'ok', ...info, userAgent: navigator.userAgent, crossOriginIsolated };
  },
  ours: async (o) => (await import('./ours')).runOurs(o.plan as never),
  oursCpu: async (o) => (await import('./ours-cpu')).runOursCpu(o.plan as never),
  oursWasm: async (o) => (await import('./ours-wasm')).runOursWasm(o.plan as never, o.threads as number),
  parallelProbe: async () => (await import('./parallel-probe')).probeParallelism(),
  tfjs: async (o) => (await import('./tfjs')).runTfjs(o.backend as never, o.plans as never),
  tfjsMatmul: async (o) => (await import('./tfjs')).tfjsMatmul(o.backend as never, o.size as number),
  kernels: async (o) => (await import('./kernels')).runKernels(o as never),
  oursAccuracy: async (o) =>
    (await import('./ours-trainer')).oursAccuracy(
      o.budgetMs as number,
      o.batch as number,
      (o.backend as 'webgpu' | 'auto' | undefined) ?? 'webgpu',
    ),
  tfjsAccuracy: async (o) =>
    (await import('./tfjs')).tfjsAccuracy(o.backend as never, o.budgetMs as number, o.batch as number),
  firstStep: () => firstStep ?? Promise.reject(new Error('open the page with ?measure=firstStep')),
  soakSteps: async (o) => (await import('./ours-trainer')).soakSteps(o.steps as number, o.batch as number),
  testSampleCost: async (o) =>
    (await import('./ours-trainer')).oursTestSampleCost(
      o.trainMs as number,
      o.rounds as number,
      o.batch as number,
    ),
  dense: async (o) => (await import('./dense')).runDense(o as never),
};

declare global {
  interface Window {
    cnnBench: { run(name: string, options?: Options): Promise<unknown> };
  }
}

window.cnnBench = {
  run(name, options = {}) {
    const m = measurements[name];
    if (!m) throw new Error(`unknown measurement '${name}'; known: ${Object.keys(measurements).join(', ')}`);
    return m(options);
  },
};
document.getElementById('status')!.dataset.ready = 'true';
