// The dense tasks on the GPU: a GpuModel without a loss of its own, fed host-made batches by queue
// writes, with the task's loss planned against its output: per-pixel cross-entropy with class weights,
// or CenterNet's. A step is one submit. The test passes count the confusion matrix or decode the boxes on
// the GPU, so an evaluation reads back K² counts or six floats per cell.
import { readBuffer, readFloat32 } from '../../gpu/buffers';
import type { ModelDescription } from '../../model/describe';
import { GpuModel } from '../../model/gpu-model';
import { planCenterNetDecode, planCenterNetLoss, planSegmentationConfusion } from '../../engine/ops/dense';
import {
  LOSS_ACCUMULATOR_FLOATS,
  planSoftmaxCrossEntropy2d,
  readLossAccumulator,
} from '../../engine/ops/loss';
import type { PlannedOp } from '../../engine/op';
import { sizeOf, tensor, type Tensor } from '../../engine/tensor';
import type { ModelState } from '../backend';
import { readModelState, writeModelState } from '../generative/gpu-util';
import type { DenseBatch } from './batches';
import {
  classWeights,
  NO_LABEL,
  type DenseEngine,
  type DenseOptions,
  type DenseSums,
  type SegmentResult,
} from './engine';

/** Pixels are already pixel / 255 on the host: the model's unused gather is told so too. */
const PLAIN = { mean: 0, std: 1 };

export class GpuDenseEngine implements DenseEngine {
  readonly model: GpuModel;
  readonly batch: number;
  private readonly targets: { labels?: Tensor; target?: Tensor; mask?: Tensor; count?: Tensor };
  private readonly loss: PlannedOp;
  /** The test pass after the eval forward: confusion counts (+ predicted classes) or decoded cells. */
  private readonly test: PlannedOp;
  private readonly confusion: Tensor | null = null;
  private readonly predicted: Tensor | null = null;
  private readonly decoded: Tensor | null = null;
  private queued: Promise<unknown>[] = [];

  constructor(
    readonly device: GPUDevice,
    readonly desc: ModelDescription,
    options: DenseOptions,
  ) {
    const B = options.batch;
    this.batch = B;
    this.model = new GpuModel(device, desc, {
      batch: B,
      seed: options.seed,
      normalisation: PLAIN,
      optimizer: options.optimizer,
      loss: 'none',
    });
    const m = this.model;
    const arena = m.arena;
    const ctx = { device, arena };
    const make = (name: string, shape: number[]) =>
      tensor(arena.storage(`dense/${name}`, sizeOf(shape) * 4), shape);
    const [channels, h, w] = desc.outputShape;
    if (options.task === 'segmentation') {
      const labels = make('labels', [B, h, w]);
      const weights = make('class-weights', [channels]);
      device.queue.writeBuffer(
        weights.buffer,
        weights.offset,
        classWeights(channels, options.backgroundWeight),
      );
      this.targets = { labels };
      this.loss = planSoftmaxCrossEntropy2d(ctx, {
        logits: m.logits,
        labels,
        dlogits: m.outputGrad,
        accumulator: m.accumulator,
        classWeights: weights,
      });
      this.confusion = make('confusion', [channels * channels]);
      this.predicted = make('predicted', [B, h, w]);
      this.test = planSegmentationConfusion(ctx, {
        logits: m.logits,
        labels,
        confusion: this.confusion,
        predicted: this.predicted,
      });
    } else {
      const target = make('target', [B, channels, h, w]);
      const mask = make('mask', [B, h, w]);
      const count = make('objects', [1]);
      this.targets = { target, mask, count };
      this.loss = planCenterNetLoss(ctx, {
        output: m.logits,
        target,
        mask,
        count,
        grad: m.outputGrad,
        accumulator: m.accumulator,
      });
      this.decoded = make('decoded', [B, h * w, 6]);
      this.test = planCenterNetDecode(ctx, {
        output: m.logits,
        decoded: this.decoded,
        stride: options.stride,
      });
    }
  }

  private write(t: Tensor, data: ArrayBufferView & { length: number }): void {
    this.device.queue.writeBuffer(t.buffer, t.offset, data.buffer, data.byteOffset, data.byteLength);
  }

  step(batch: DenseBatch, step: number): void {
    if (batch.count !== this.batch) throw new Error(`a step needs ${this.batch} scenes, got ${batch.count}`);
    const m = this.model;
    const t = this.targets;
    this.write(m.input, batch.inputs);
    if (t.labels) this.write(t.labels, batch.labels!);
    else {
      this.write(t.target!, batch.target!);
      this.write(t.mask!, batch.mask!);
      this.write(t.count!, Float32Array.of(batch.objects!));
    }
    const encoder = this.device.createCommandEncoder({ label: 'dense-step' });
    const pass = encoder.beginComputePass({ label: 'dense-step' });
    m.encodeTrainForward(pass, step);
    this.loss.encode(pass);
    m.encodeBackward(pass);
    m.encodeUpdate(pass);
    pass.end();
    this.device.queue.submit([encoder.finish()]);
    const done = this.device.queue.onSubmittedWorkDone();
    // Left behind when the device is lost, it may still reject: mark it handled.
    done.catch(() => undefined);
    this.queued.push(done);
  }

  async settle(): Promise<void> {
    while (this.queued.length > 2) await this.queued.shift();
  }

  async takeSums(): Promise<DenseSums> {
    const acc = this.model.accumulator;
    const m = await readLossAccumulator(this.device, acc);
    const encoder = this.device.createCommandEncoder({ label: 'dense-clear-sums' });
    encoder.clearBuffer(acc.buffer, acc.offset, LOSS_ACCUMULATOR_FLOATS * 4);
    this.device.queue.submit([encoder.finish()]);
    // Per-pixel cross-entropy counts pixels as its samples (and sums their losses): per scene, as detection.
    const perScene = this.targets.labels ? sizeOf(this.desc.outputShape.slice(1)) : 1;
    return { loss: m.lossSum / perScene, samples: m.samples / perScene, nonFinite: m.nonFiniteBatches };
  }

  /**
   * Eval forwards over `count` scenes a batch at a time (rows past the end are zeros), each followed by the
   * test pass; `after` records copies out of the batch's results. One submit per batch.
   */
  private evalBatches(
    inputs: Float32Array,
    count: number,
    before: (start: number, n: number) => void,
    after: (encoder: GPUCommandEncoder, start: number, n: number) => void,
  ): void {
    const m = this.model;
    const pixels = sizeOf(m.input.shape) / this.batch;
    const rows = new Float32Array(this.batch * pixels);
    for (let start = 0; start < count; start += this.batch) {
      const n = Math.min(this.batch, count - start);
      rows.fill(0);
      rows.set(inputs.subarray(start * pixels, (start + n) * pixels));
      this.write(m.input, rows);
      before(start, n);
      const encoder = this.device.createCommandEncoder({ label: 'dense-test' });
      const pass = encoder.beginComputePass({ label: 'dense-test' });
      m.encodeForward(pass);
      this.test.encode(pass);
      pass.end();
      after(encoder, start, n);
      this.device.queue.submit([encoder.finish()]);
    }
  }

  async segment(
    inputs: Float32Array,
    labels: Uint32Array | null,
    count: number,
    keep: number,
  ): Promise<SegmentResult> {
    const confusion = this.confusion!;
    const predicted = this.predicted!;
    const [classes, h, w] = this.desc.outputShape;
    const plane = h * w;
    const kept = Math.min(keep, count);
    const maps = this.device.createBuffer({
      label: 'dense/kept-maps',
      size: Math.max(16, kept * plane * 4),
      usage: GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    });
    const clear = this.device.createCommandEncoder({ label: 'dense-clear-confusion' });
    clear.clearBuffer(confusion.buffer, confusion.offset, classes * classes * 4);
    this.device.queue.submit([clear.finish()]);
    const rows = new Uint32Array(this.batch * plane);
    this.evalBatches(
      inputs,
      count,
      (start, n) => {
        rows.fill(NO_LABEL);
        if (labels) rows.set(labels.subarray(start * plane, (start + n) * plane));
        this.write(this.targets.labels!, rows);
      },
      (encoder, start, n) => {
        const copy = Math.max(0, Math.min(n, kept - start));
        if (copy > 0)
          encoder.copyBufferToBuffer(
            predicted.buffer,
            predicted.offset,
            maps,
            start * plane * 4,
            copy * plane * 4,
          );
      },
    );
    const counts = new Uint32Array(
      await readBuffer(this.device, confusion.buffer, classes * classes * 4, confusion.offset),
    );
    const classesOf =
      kept > 0 ? new Uint32Array(await readBuffer(this.device, maps, kept * plane * 4)) : new Uint32Array(0);
    maps.destroy();
    return { confusion: counts, predicted: Uint8Array.from(classesOf) };
  }

  async detect(inputs: Float32Array, count: number): Promise<Float32Array> {
    const decoded = this.decoded!;
    const row = (sizeOf(decoded.shape) / this.batch) * 4;
    const out = this.device.createBuffer({
      label: 'dense/decoded',
      size: Math.max(16, count * row),
      usage: GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    });
    this.evalBatches(
      inputs,
      count,
      () => undefined,
      (encoder, start, n) =>
        encoder.copyBufferToBuffer(decoded.buffer, decoded.offset, out, start * row, n * row),
    );
    const result = await readFloat32(this.device, out, (count * row) / 4);
    out.destroy();
    return result;
  }

  async activations(input: Float32Array): Promise<Float32Array[]> {
    const m = this.model;
    const pixels = sizeOf(m.input.shape) / this.batch;
    const rows = new Float32Array(this.batch * pixels);
    rows.set(input.subarray(0, pixels));
    this.write(m.input, rows);
    const encoder = this.device.createCommandEncoder({ label: 'dense-activations' });
    const pass = encoder.beginComputePass({ label: 'dense-activations' });
    m.encodeForward(pass);
    pass.end();
    this.device.queue.submit([encoder.finish()]);
    return Promise.all(
      m.outputs.map((t) => readFloat32(this.device, t.buffer, sizeOf(t.shape) / this.batch, t.offset)),
    );
  }

  readState(): Promise<ModelState> {
    return readModelState(this.model);
  }

  writeState(state: ModelState): void {
    writeModelState(this.model, state);
  }

  destroy(): void {
    this.model.destroy();
  }
}
