// The dense tasks' throughput (issue 18): each segmentation and detection preset trained on its default
// 64×64 scenes at batch 16, on WebGPU and on our CPU backend (its WebAssembly SIMD ops on 2 threads, what
// the worker picks on a two-core machine), as the dense session trains: a batch of scenes drawn on the host,
// then one step. Each timed step ends with the loss read back (synced).
import { createWasmOps } from '../src/engine/wasm/create';
import { acquireGpu } from '../src/gpu/device';
import { DENSE_HYPER } from '../src/network/dense-presets';
import { presetSpec, type PresetId } from '../src/network/presets';
import type { TrainerBackend } from '../src/training/backend';
import { CpuBackend } from '../src/training/cpu-backend';
import { sceneBatch, type SceneStream } from '../src/training/dense/batches';
import { buildDense } from '../src/training/dense/build';
import { GpuBackend } from '../src/training/gpu-backend';
import { hostDataset, loadMnist } from './data';

const PRESETS: PresetId[] = ['unet', 'fcn', 'centernet'];

export interface DenseRun {
  preset: PresetId;
  task: string;
  side: number;
  batch: number;
  backend: 'webgpu' | 'wasm';
  steps: number;
  stepsPerSecond: number;
  scenesPerSecond: number;
  /** Of each step: drawing the scenes and targets on the host. */
  sceneMsPerStep: number;
}

async function measureOn(backend: TrainerBackend, id: PresetId, minMs: number): Promise<DenseRun> {
  const wasmThreads = 2;
  const data = hostDataset(await loadMnist());
  const spec = presetSpec(id);
  const hyper = { ...DENSE_HYPER, seed: 1 };
  const built = await buildDense(backend, spec, hyper, () => createWasmOps({ threads: wasmThreads }));
  const stream: SceneStream = {
    source: (split) => ({
      images: data[split].images,
      labels: data[split].labels,
      count: data[split].available,
    }),
    options: built.scene,
    seed: 1,
  };
  const B = built.engine.batch;
  let step = 0;
  let sceneMs = 0;
  const one = async () => {
    const t = performance.now();
    const batch = sceneBatch(stream, built.layout, 'train', step * B, B);
    sceneMs += performance.now() - t;
    built.engine.step(batch, step++);
    await built.engine.takeSums();
  };
  try {
    for (let i = 0; i < 2; i++) await one();
    step = 0;
    sceneMs = 0;
    const t0 = performance.now();
    while (step < 3 || performance.now() - t0 < minMs) await one();
    const seconds = (performance.now() - t0) / 1000;
    return {
      preset: id,
      task: spec.task,
      side: built.layout.side,
      batch: B,
      backend: backend.kind === 'webgpu' ? 'webgpu' : 'wasm',
      steps: step,
      stepsPerSecond: step / seconds,
      scenesPerSecond: (step * B) / seconds,
      sceneMsPerStep: sceneMs / step,
    };
  } finally {
    built.engine.destroy();
  }
}

export async function runDense(o: { minMs: number }): Promise<{ status: 'ok'; runs: DenseRun[] }> {
  const runs: DenseRun[] = [];
  const { device } = await acquireGpu();
  const gpu = new GpuBackend(
    device,
    () => undefined,
    (message) => {
      throw new Error(`WebGPU error: ${message}`);
    },
  );
  try {
    for (const id of PRESETS) runs.push(await measureOn(gpu, id, o.minMs));
  } finally {
    gpu.destroy();
    device.destroy();
  }
  const cpu = new CpuBackend();
  for (const id of PRESETS) runs.push(await measureOn(cpu, id, o.minMs / 2));
  return { status: 'ok', runs };
}
