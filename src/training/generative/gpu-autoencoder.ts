// An autoencoder on the GPU: a GpuModel whose loss compares the output with the input itself (pixels in
// [0, 1]), plus the eval-mode passes the live view needs: a layer's outputs (the latent code) for many
// images, and decoding from values written into the bottleneck.
import { readFloat32 } from '../../gpu/buffers';
import type { ModelDescription } from '../../model/describe';
import { GpuModel } from '../../model/gpu-model';
import type { GatherSources } from '../../model/model-gathers';
import { LOSS_ACCUMULATOR_FLOATS, readLossAccumulator } from '../../engine/ops/loss';
import { sizeOf, type Tensor } from '../../engine/tensor';
import type { ModelState } from '../backend';
import { AE_NORMALISATION } from './common';
import type { AeSums, AutoencoderEngine, AutoencoderOptions } from './engine';
import { GpuOrder } from './gpu-order';
import { readModelState, writeModelState } from './gpu-util';

export class GpuAutoencoder implements AutoencoderEngine {
  readonly model: GpuModel;
  readonly batch: number;
  private readonly order: GpuOrder;
  private bound: GatherSources | null = null;
  private queued: Promise<unknown>[] = [];

  constructor(
    readonly device: GPUDevice,
    desc: ModelDescription,
    options: AutoencoderOptions,
    private readonly dataset: () => GatherSources | null,
  ) {
    this.batch = options.batch;
    this.model = new GpuModel(device, desc, {
      batch: options.batch,
      seed: options.seed,
      normalisation: AE_NORMALISATION,
      optimizer: options.optimizer,
      loss: options.loss,
    });
    this.order = new GpuOrder(device);
  }

  setOrder(order: Uint32Array): void {
    if (this.order.write(order)) this.bound = null;
  }

  step(start: number, step: number): void {
    const sources = this.dataset();
    if (!sources) throw new Error('the dataset is not on the GPU yet');
    if (sources !== this.bound) {
      this.model.bindDataset(this.order.sources(sources));
      this.bound = sources;
    }
    this.model.step(start, step);
    const done = this.device.queue.onSubmittedWorkDone();
    // Left behind when the device is lost, it may still reject: mark it handled.
    done.catch(() => undefined);
    this.queued.push(done);
  }

  async settle(): Promise<void> {
    while (this.queued.length > 2) await this.queued.shift();
  }

  async takeSums(): Promise<AeSums> {
    const acc = this.model.accumulator;
    const m = await readLossAccumulator(this.device, acc);
    const encoder = this.device.createCommandEncoder({ label: 'ae-clear-sums' });
    encoder.clearBuffer(acc.buffer, acc.offset, LOSS_ACCUMULATOR_FLOATS * 4);
    this.device.queue.submit([encoder.finish()]);
    return { loss: m.lossSum, samples: m.samples, nonFinite: m.nonFiniteBatches };
  }

  layerOutputs(images: Float32Array, count: number, layer: number): Promise<Float32Array> {
    const m = this.model;
    return this.batched(m.input, images, count, m.outputs[layer], (pass) => m.encodeForward(pass));
  }

  decodeFrom(layer: number, values: Float32Array, count: number): Promise<Float32Array> {
    const m = this.model;
    return this.batched(m.outputs[layer], values, count, m.logits, (pass) => {
      for (let i = layer + 1; i < m.desc.layers.length; i++)
        for (const op of m.layerOps(i).forward) op.encode(pass);
    });
  }

  /** Writes `count` rows into `into` a batch at a time, runs `encode`, gathers `count` rows of `out`. */
  private async batched(
    into: Tensor,
    rows: Float32Array,
    count: number,
    out: Tensor,
    encode: (pass: GPUComputePassEncoder) => void,
  ): Promise<Float32Array> {
    const B = this.batch;
    const inRow = sizeOf(into.shape) / B;
    const outRow = sizeOf(out.shape) / B;
    if (rows.length < count * inRow) throw new Error(`expected ${count} rows of ${inRow} values`);
    const result = this.device.createBuffer({
      label: 'ae/rows',
      size: Math.max(16, count * outRow * 4),
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    });
    // One submit per batch: the input rows are queue writes between them.
    for (let start = 0; start < count; start += B) {
      const n = Math.min(B, count - start);
      this.device.queue.writeBuffer(into.buffer, into.offset, rows, start * inRow, n * inRow);
      const encoder = this.device.createCommandEncoder({ label: 'ae-forward' });
      const pass = encoder.beginComputePass({ label: 'ae-forward' });
      encode(pass);
      pass.end();
      encoder.copyBufferToBuffer(out.buffer, out.offset, result, start * outRow * 4, n * outRow * 4);
      this.device.queue.submit([encoder.finish()]);
    }
    const values = await readFloat32(this.device, result, count * outRow);
    result.destroy();
    return values;
  }

  readState(): Promise<ModelState> {
    return readModelState(this.model);
  }

  writeState(state: ModelState): void {
    writeModelState(this.model, state);
  }

  destroy(): void {
    this.model.destroy();
    this.order.destroy();
  }
}
