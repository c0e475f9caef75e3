// The WebGPU backend: a GpuModel over the GPU-resident dataset. Metrics come back through staging buffers
// taken from a pool: a report's copy is queued at once, right after the steps it covers, even while earlier
// reports are still being read; nothing in the step loop waits on a map.
import { readFloat32 } from '../gpu/buffers';
import type { ModelDescription } from '../model/describe';
import { GpuModel } from '../model/gpu-model';
import type { InitialState } from '../model/init';
import type { VariantChooser } from '../engine/op';
import { decodeLossAccumulator, LOSS_ACCUMULATOR_FLOATS } from '../engine/ops/loss';
import type { Hyperparams } from '../network/hyper';
import { augmentPlan } from './augment-plan';
import type { HostDataset, ModelState, TrainerBackend, TrainSums } from './backend';
import { GpuDataset } from './gpu-dataset';
import { gpuInputGradients, gpuLayerTimes, type InputGradients } from './inspect/gpu-inspect';
import type { LayerTime, TimingMethod } from './inspect/types';
import { NORMALISATION } from './normalisation';
import { optimizerSettings } from './optimizer-settings';

export class GpuBackend implements TrainerBackend {
  readonly kind = 'webgpu';
  get maxBufferBytes(): number {
    return Math.min(this.device.limits.maxStorageBufferBindingSize, this.device.limits.maxBufferSize);
  }
  /** The GPU-resident dataset (read by tests to check what was uploaded). */
  readonly dataset: GpuDataset;
  private model: GpuModel | null = null;
  private data: HostDataset | null = null;
  private hyper: Hyperparams | null = null;
  /** Candidate and good copies of [params | buffers] (see keepGoodState). */
  private copies: { candidate: GPUBuffer; good: GPUBuffer } | null = null;
  /** Every metrics staging buffer made, and those not being read now. */
  private readonly staging: GPUBuffer[] = [];
  private readonly freeStaging: GPUBuffer[] = [];
  private queued: Promise<unknown>[] = [];
  private stepsSinceTake = 0;
  private lost = false;
  readonly deviceLost: Promise<unknown>;
  private readonly onUncaptured: (event: Event) => void;
  /** Kernel variants the next build plans with (the design's tuned choices); the planners' rules when unset. */
  variants: VariantChooser | undefined = undefined;

  /** onError receives WebGPU errors no scope caught (validation, out of memory): they must never pass silently. */
  constructor(
    readonly device: GPUDevice,
    onLost: (reason: string) => void,
    onError: (message: string) => void,
  ) {
    this.onUncaptured = (event) => onError((event as GPUUncapturedErrorEvent).error.message);
    device.addEventListener('uncapturederror', this.onUncaptured);
    this.dataset = new GpuDataset(device);
    void device.lost.then((info) => {
      if (this.lost) return;
      this.lost = true;
      onLost(info.message || `the GPU device was ${info.reason ?? 'lost'}`);
    });
    // After the handler above, so a failure that awaits it finds the recovery begun.
    this.deviceLost = device.lost;
  }

  private get m(): GpuModel {
    if (!this.model) throw new Error('no model is built');
    return this.model;
  }

  syncDataset(data: HostDataset, split: 'train' | 'test', from: number, to: number): void {
    this.data = data;
    const reallocated = this.dataset.sync(data, split, from, to);
    if (reallocated && this.model) this.model.bindDataset(this.dataset.sources!);
    this.model?.setAugment(augmentPlan(data, this.hyper));
  }

  build(desc: ModelDescription, hyper: Hyperparams, state: InitialState): void {
    this.model?.destroy();
    this.copies?.candidate.destroy();
    this.copies?.good.destroy();
    this.model = new GpuModel(this.device, desc, {
      batch: hyper.batchSize,
      seed: hyper.seed,
      normalisation: NORMALISATION,
      optimizer: optimizerSettings(hyper),
      labelSmoothing: hyper.labelSmoothing,
      variants: this.variants,
    });
    const bytes = (desc.paramFloats + desc.bufferFloats) * 4;
    const copy = (label: string) =>
      this.device.createBuffer({
        label,
        size: bytes,
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
      });
    this.copies = { candidate: copy('weights/candidate'), good: copy('weights/good') };
    if (this.dataset.sources) {
      this.dataset.padTestOrder(hyper.batchSize);
      this.model.bindDataset(this.dataset.sources);
    }
    this.hyper = hyper;
    this.model.setAugment(augmentPlan(this.data, hyper));
    this.writeState(state);
    this.stepsSinceTake = 0;
  }

  setHyper(hyper: Hyperparams): void {
    this.hyper = hyper;
    this.model?.setOptimizer(optimizerSettings(hyper));
    this.model?.setAugment(augmentPlan(this.data, hyper));
  }

  setOrder(order: Uint32Array): void {
    this.dataset.setOrder(order);
  }

  step(start: number, step: number): void {
    if (this.dataset.padTestOrder(this.m.options.batch)) this.m.bindDataset(this.dataset.sources!);
    this.m.step(start, step);
    this.stepsSinceTake += 1;
    const done = this.device.queue.onSubmittedWorkDone();
    // Dropped below or left behind when the device is lost, it may still reject (AbortError): mark it handled.
    done.catch(() => undefined);
    this.queued.push(done);
    // Work completes in submission order, so only the newest few promises matter (single steps never settle).
    if (this.queued.length > 4) this.queued.splice(0, this.queued.length - 4);
  }

  async settle(steps = 2): Promise<void> {
    // Keep at most two steps in flight: the device stays busy and the loop never runs ahead.
    while (this.queued.length > steps) await this.queued.shift();
  }

  /**
   * The sums of the steps queued since the last call. The copy is queued before this returns, so the sums
   * cover exactly those steps however many reports are still being read (a staging buffer that is still
   * mapped would have delayed it past later steps, and a report would have shown them under its step).
   */
  async takeSums(): Promise<TrainSums> {
    const acc = this.m.accumulator;
    const staging = this.freeStaging.pop() ?? this.newStaging();
    const steps = this.stepsSinceTake;
    this.stepsSinceTake = 0;
    const encoder = this.device.createCommandEncoder({ label: 'take-metrics' });
    encoder.copyBufferToBuffer(acc.buffer, acc.offset, staging, 0, LOSS_ACCUMULATOR_FLOATS * 4);
    encoder.clearBuffer(acc.buffer, acc.offset, LOSS_ACCUMULATOR_FLOATS * 4);
    this.device.queue.submit([encoder.finish()]);
    try {
      await staging.mapAsync(GPUMapMode.READ);
      const words = new Float32Array(staging.getMappedRange().slice(0));
      staging.unmap();
      const m = decodeLossAccumulator(words);
      return {
        loss: m.lossSum,
        correct: m.correct,
        samples: m.samples,
        nonFinite: m.nonFiniteBatches,
        steps,
      };
    } finally {
      if (staging.mapState === 'unmapped') this.freeStaging.push(staging);
    }
  }

  private newStaging(): GPUBuffer {
    const staging = this.device.createBuffer({
      label: `metrics-staging-${this.staging.length}`,
      size: LOSS_ACCUMULATOR_FLOATS * 4,
      usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    });
    this.staging.push(staging);
    return staging;
  }

  evaluate(count: number): Promise<Float32Array> {
    return this.evaluateRows(0, count);
  }

  evaluateSample(indices: Uint32Array): Promise<Float32Array> {
    const B = this.m.options.batch;
    // Both run: either may replace the test order, and then the gathers are re-planned.
    const padded = this.dataset.padTestOrder(B);
    const sampled = this.dataset.setTestSample(indices);
    if (padded || sampled) this.m.bindDataset(this.dataset.sources!);
    return this.evaluateRows(this.dataset.sampleStart, indices.length);
  }

  /** Logits of test-order rows [first, first + count): a forward pass per batch, one readback. */
  private async evaluateRows(first: number, count: number): Promise<Float32Array> {
    const B = this.m.options.batch;
    const classes = this.m.desc.outputShape[0];
    const rowBytes = classes * 4;
    const out = this.device.createBuffer({
      label: 'evaluate/logits',
      size: Math.ceil(count / B) * B * rowBytes,
      usage: GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST | GPUBufferUsage.STORAGE,
    });
    const logits = this.m.logits;
    // One submit per batch: the gather's start is a uniform written between submits.
    for (let start = 0; start < count; start += B) {
      this.m.evaluateBatch(first + start, (encoder) =>
        encoder.copyBufferToBuffer(logits.buffer, logits.offset, out, start * rowBytes, B * rowBytes),
      );
    }
    const result = await readFloat32(this.device, out, count * classes);
    out.destroy();
    return result;
  }

  async predict(images: Float32Array, count: number): Promise<Float32Array> {
    const outputs = await this.forward(images, count, [this.m.outputs.length - 1]);
    return outputs[0];
  }

  async activations(image: Float32Array): Promise<Float32Array[]> {
    return this.forward(
      image,
      1,
      this.m.outputs.map((_, i) => i),
    );
  }

  /** Eval-mode forward of `count` images placed in the first input rows; reads rows [0, count) of the chosen layers. */
  private async forward(images: Float32Array, count: number, layers: number[]): Promise<Float32Array[]> {
    const m = this.m;
    if (count > m.options.batch) throw new Error(`at most ${m.options.batch} images at once, got ${count}`);
    this.device.queue.writeBuffer(m.input.buffer, m.input.offset, images);
    const encoder = this.device.createCommandEncoder({ label: 'forward' });
    const pass = encoder.beginComputePass({ label: 'forward' });
    m.encodeForward(pass);
    pass.end();
    this.device.queue.submit([encoder.finish()]);
    return Promise.all(
      layers.map((i) => {
        const t = m.outputs[i];
        const perSample = t.shape.slice(1).reduce((a, b) => a * b, 1);
        return readFloat32(this.device, t.buffer, perSample * count, t.offset);
      }),
    );
  }

  inputGradients(image: Float32Array): Promise<InputGradients> {
    return gpuInputGradients(this.m, image);
  }

  layerTimes(): Promise<{ method: TimingMethod; layers: LayerTime[] }> {
    return gpuLayerTimes(this.m);
  }

  async readState(): Promise<ModelState> {
    const m = this.m;
    const [params, buffers] = await Promise.all([
      readFloat32(this.device, m.params.buffer, m.desc.paramFloats),
      readFloat32(this.device, m.buffers.buffer, m.desc.bufferFloats),
    ]);
    return { params, buffers };
  }

  writeState(state: ModelState): void {
    const m = this.m;
    this.device.queue.writeBuffer(m.params.buffer, 0, state.params);
    this.device.queue.writeBuffer(m.buffers.buffer, 0, state.buffers);
    const encoder = this.device.createCommandEncoder({ label: 'write-state' });
    m.resetOptimizer(encoder);
    this.copyState(encoder, 'from-model', this.copies!.candidate);
    this.copyState(encoder, 'from-model', this.copies!.good);
    this.device.queue.submit([encoder.finish()]);
  }

  /** Promotes the candidate copy to good (the steps since it was taken had finite loss), then re-takes it. */
  keepGoodState(): void {
    const { candidate, good } = this.copies!;
    const encoder = this.device.createCommandEncoder({ label: 'keep-good-state' });
    encoder.copyBufferToBuffer(candidate, 0, good, 0, good.size);
    this.copyState(encoder, 'from-model', candidate);
    this.device.queue.submit([encoder.finish()]);
  }

  restoreGoodState(): void {
    const { candidate, good } = this.copies!;
    const encoder = this.device.createCommandEncoder({ label: 'restore-good-state' });
    this.copyState(encoder, 'to-model', good);
    encoder.copyBufferToBuffer(good, 0, candidate, 0, good.size);
    this.m.resetOptimizer(encoder);
    encoder.clearBuffer(this.m.accumulator.buffer, this.m.accumulator.offset, LOSS_ACCUMULATOR_FLOATS * 4);
    this.device.queue.submit([encoder.finish()]);
  }

  async readGoodState(): Promise<ModelState | null> {
    if (!this.copies) return null;
    const { paramFloats, bufferFloats } = this.m.desc;
    const all = await readFloat32(this.device, this.copies.good, paramFloats + bufferFloats);
    return { params: all.slice(0, paramFloats), buffers: all.slice(paramFloats) };
  }

  /** Copies [params | buffers] between the model and a copy buffer. */
  private copyState(encoder: GPUCommandEncoder, direction: 'from-model' | 'to-model', copy: GPUBuffer): void {
    const m = this.m;
    const pBytes = m.desc.paramFloats * 4;
    const bBytes = m.desc.bufferFloats * 4;
    if (direction === 'from-model') {
      encoder.copyBufferToBuffer(m.params.buffer, 0, copy, 0, pBytes);
      encoder.copyBufferToBuffer(m.buffers.buffer, 0, copy, pBytes, bBytes);
    } else {
      encoder.copyBufferToBuffer(copy, 0, m.params.buffer, 0, pBytes);
      encoder.copyBufferToBuffer(copy, pBytes, m.buffers.buffer, 0, bBytes);
    }
  }

  bytes(): number {
    const copies = this.copies ? this.copies.candidate.size + this.copies.good.size : 0;
    return (this.model?.bytes ?? 0) + copies + this.dataset.bytes;
  }

  datasetBytes(): number {
    return this.dataset.bytes;
  }

  destroyDevice(): void {
    this.device.destroy();
  }

  destroy(): void {
    this.model?.destroy();
    this.model = null;
    this.copies?.candidate.destroy();
    this.copies?.good.destroy();
    this.copies = null;
    this.dataset.destroy();
    for (const s of this.staging) s.destroy();
    // A destroyed backend reports nothing more: the device may live on under a new backend.
    this.device.removeEventListener('uncapturederror', this.onUncaptured);
    this.lost = true;
  }
}
