// Inspection on a GpuModel: input gradients through the engine's own backward pass (saliency), and
// per-layer device time (timestamp queries where the device has them, else isolated timed submits).
import { readFloat32 } from '../../gpu/buffers';
import type { GpuModel } from '../../model/gpu-model';
import type { PlannedOp } from '../../engine/op';
import { sizeOf } from '../../engine/tensor';
import type { LayerTime, TimingMethod } from './types';

export interface InputGradients {
  /** Logits of the image [classes]. */
  logits: Float32Array;
  /** [classes, ...inputShape]: row c is d(logit c)/d(input). */
  gradients: Float32Array;
}

/**
 * Every class score's gradient with respect to one normalised image. Eval-mode rows are independent, so
 * the image goes into several batch rows at once and row r's output gradient is one-hot at class r.
 */
export async function gpuInputGradients(model: GpuModel, image: Float32Array): Promise<InputGradients> {
  const { device, desc } = model;
  const B = model.options.batch;
  const pixels = sizeOf(desc.inputShape);
  const classes = sizeOf(desc.outputShape);
  if (image.length !== pixels)
    throw new Error(`the image has ${image.length} values, the model takes ${pixels}`);
  const gradients = new Float32Array(classes * pixels);
  let logits: Float32Array = new Float32Array(classes);
  for (let first = 0; first < classes; first += B) {
    const rows = Math.min(B, classes - first);
    const input = new Float32Array(rows * pixels);
    const seed = new Float32Array(rows * classes);
    for (let r = 0; r < rows; r++) {
      input.set(image, r * pixels);
      seed[r * classes + first + r] = 1;
    }
    device.queue.writeBuffer(model.input.buffer, model.input.offset, input);
    device.queue.writeBuffer(model.outputGrad.buffer, model.outputGrad.offset, seed);
    const encoder = device.createCommandEncoder({ label: 'input-gradient' });
    const pass = encoder.beginComputePass({ label: 'input-gradient' });
    model.encodeInputGradient(pass);
    pass.end();
    device.queue.submit([encoder.finish()]);
    const [dx, y] = await Promise.all([
      readFloat32(device, model.inputGrad.buffer, rows * pixels, model.inputGrad.offset),
      readFloat32(device, model.logits.buffer, classes, model.logits.offset),
    ]);
    gradients.set(dx, first * pixels);
    if (first === 0) logits = y;
  }
  return { logits, gradients };
}

const REPEATS = 5;

/** Device time of each layer's eval forward and training backward, median of REPEATS runs. */
export async function gpuLayerTimes(model: GpuModel): Promise<{ method: TimingMethod; layers: LayerTime[] }> {
  const n = model.desc.layers.length;
  const phases = Array.from({ length: n }, (_, i) => model.layerOps(i));
  const ops = phases.flatMap((p) => [p.forward, p.backward]);
  const useTimestamps = model.device.features.has('timestamp-query');
  const runs: number[][] = [];
  for (let r = 0; r < REPEATS; r++)
    runs.push(useTimestamps ? await timestamped(model.device, ops) : await submitted(model.device, ops));
  const median = (k: number) => {
    const v = runs.map((run) => run[k]).sort((a, b) => a - b);
    return v[Math.floor(v.length / 2)];
  };
  return {
    method: useTimestamps ? 'timestamp-query' : 'submitted-work-done',
    layers: phases.map((_, i) => ({
      layerIndex: i,
      forwardMs: median(2 * i),
      backwardMs: median(2 * i + 1),
    })),
  };
}

/** One compute pass per op list, with beginning/end timestamps; lists without ops take 0 ms. */
async function timestamped(device: GPUDevice, lists: (readonly PlannedOp[])[]): Promise<number[]> {
  const count = 2 * lists.length;
  const querySet = device.createQuerySet({ label: 'layer-times', type: 'timestamp', count });
  const resolve = device.createBuffer({
    label: 'layer-times/resolve',
    size: count * 8,
    usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC,
  });
  const encoder = device.createCommandEncoder({ label: 'layer-times' });
  lists.forEach((ops, k) => {
    const pass = encoder.beginComputePass({
      label: `layer-times/${k}`,
      timestampWrites: { querySet, beginningOfPassWriteIndex: 2 * k, endOfPassWriteIndex: 2 * k + 1 },
    });
    for (const op of ops) op.encode(pass);
    pass.end();
  });
  encoder.resolveQuerySet(querySet, 0, count, resolve, 0);
  device.queue.submit([encoder.finish()]);
  const words = new BigUint64Array(await readRaw(device, resolve, count * 8));
  querySet.destroy();
  resolve.destroy();
  return lists.map((ops, k) => (ops.length ? Number(words[2 * k + 1] - words[2 * k]) / 1e6 : 0));
}

/** Each op list in its own submit, timed on the host from submit to onSubmittedWorkDone. */
async function submitted(device: GPUDevice, lists: (readonly PlannedOp[])[]): Promise<number[]> {
  await device.queue.onSubmittedWorkDone();
  const out: number[] = [];
  for (const ops of lists) {
    if (!ops.length) {
      out.push(0);
      continue;
    }
    const encoder = device.createCommandEncoder({ label: 'layer-time' });
    const pass = encoder.beginComputePass({ label: 'layer-time' });
    for (const op of ops) op.encode(pass);
    pass.end();
    const t0 = performance.now();
    device.queue.submit([encoder.finish()]);
    await device.queue.onSubmittedWorkDone();
    out.push(performance.now() - t0);
  }
  return out;
}

async function readRaw(device: GPUDevice, source: GPUBuffer, bytes: number): Promise<ArrayBuffer> {
  const floats = await readFloat32(device, source, bytes / 4);
  return floats.buffer as ArrayBuffer;
}
