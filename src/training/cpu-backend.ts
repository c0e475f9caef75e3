// The CPU backend: the same model description on CpuOps (the WebAssembly SIMD ops, or the plain-JavaScript
// reference ops), inside the worker. Batches are gathered by the reference gather; everything runs
// synchronously, one step per call.
import { referenceOps, type CpuOps } from '../engine/cpu-ops';
import { arrayBytes, buildAfresh } from '../engine/wasm/sizing';
import { CpuModel } from '../model/cpu-model';
import type { ModelDescription } from '../model/describe';
import type { InitialState } from '../model/init';
import { gatherAugmentBatch } from '../engine/reference/augment-batch';
import { gatherBatch } from '../engine/reference/gather-batch';
import type { Hyperparams } from '../network/hyper';
import { augmentPlan } from './augment-plan';
import type { HostDataset, ModelState, TrainerBackend, TrainSums } from './backend';
import { cpuInputGradients } from './inspect/cpu-inspect';
import type { InputGradients } from './inspect/gpu-inspect';
import { optimizerSettings } from './optimizer-settings';
import { NORMALISATION } from './normalisation';

const zeroSums = (): TrainSums => ({ loss: 0, correct: 0, samples: 0, nonFinite: 0, steps: 0 });

export class CpuBackend implements TrainerBackend {
  readonly kind = 'cpu';
  private model: CpuModel | null = null;
  private hyper: Hyperparams | null = null;
  private data: HostDataset | null = null;
  private order: Uint32Array = new Uint32Array(0);
  private sums = zeroSums();
  private good: ModelState | null = null;
  private candidate: ModelState | null = null;

  /** `ops`: the kernels, owned from here on (disposed with the backend). */
  constructor(private readonly ops: CpuOps = referenceOps) {}

  private get m(): CpuModel {
    if (!this.model) throw new Error('no model is built');
    return this.model;
  }

  syncDataset(data: HostDataset): void {
    this.data = data;
  }

  build(desc: ModelDescription, hyper: Hyperparams, state: InitialState): void {
    this.model = null;
    // Room for the other optimizer's state too, allocated when the optimizer kind changes.
    this.model = buildAfresh(
      this.ops,
      (ops) =>
        new CpuModel(desc, hyper.batchSize, optimizerSettings(hyper), hyper.seed, {
          labelSmoothing: hyper.labelSmoothing,
          ops,
        }),
      2 * arrayBytes(desc.paramFloats),
    );
    this.hyper = hyper;
    this.writeState(state);
  }

  setHyper(hyper: Hyperparams): void {
    this.hyper = hyper;
    this.model?.setOptimizer(optimizerSettings(hyper));
  }

  setOrder(order: Uint32Array): void {
    this.order = order;
  }

  step(start: number, step: number): void {
    const m = this.m;
    if (!this.data) throw new Error('the dataset is not loaded');
    const { train, pixels } = this.data;
    const source = { images: train.images, labels: train.labels, pixels };
    // Each batch augmented as it is gathered, as the GPU's augment_gather does (augment-plan.ts).
    const augment = augmentPlan(this.data, this.hyper);
    if (augment) {
      const { shape, amounts, seeds } = augment;
      gatherAugmentBatch(
        source,
        shape,
        this.order,
        start,
        m.batch,
        NORMALISATION,
        amounts,
        seeds,
        step,
        m.input,
        m.labels,
      );
    } else gatherBatch(source, this.order, start, m.batch, NORMALISATION, m.input, m.labels);
    const r = m.step(step);
    this.sums.loss += r.lossSum;
    this.sums.correct += r.correct;
    this.sums.samples += m.batch;
    this.sums.steps += 1;
    if (!Number.isFinite(r.lossSum)) this.sums.nonFinite += 1;
  }

  async settle(): Promise<void> {}

  async evaluateSample(indices: Uint32Array): Promise<Float32Array> {
    return this.evaluateRecords(indices);
  }

  async takeSums(): Promise<TrainSums> {
    const out = this.sums;
    this.sums = zeroSums();
    return out;
  }

  async evaluate(count: number): Promise<Float32Array> {
    return this.evaluateRecords(Uint32Array.from({ length: count }, (_, i) => i));
  }

  /** Logits of the test records `records`, in order, batch by batch (the order padded to whole batches). */
  private evaluateRecords(records: Uint32Array): Float32Array {
    const m = this.m;
    if (!this.data) throw new Error('the dataset is not loaded');
    const { test, pixels } = this.data;
    const count = records.length;
    const classes = m.desc.outputShape[0];
    const out = new Float32Array(count * classes);
    const order = new Uint32Array(Math.ceil(count / m.batch) * m.batch);
    order.set(records);
    for (let start = 0; start < count; start += m.batch) {
      gatherBatch(
        { images: test.images, labels: test.labels, pixels },
        order,
        start,
        m.batch,
        NORMALISATION,
        m.input,
        m.labels,
      );
      const logits = m.forward(false);
      const rows = Math.min(m.batch, count - start);
      out.set(logits.subarray(0, rows * classes), start * classes);
    }
    return out;
  }

  async predict(images: Float32Array, count: number): Promise<Float32Array> {
    const outputs = this.forward(images, count);
    return outputs[outputs.length - 1];
  }

  async activations(image: Float32Array): Promise<Float32Array[]> {
    return this.forward(image, 1);
  }

  private forward(images: Float32Array, count: number): Float32Array[] {
    const m = this.m;
    if (count > m.batch) throw new Error(`at most ${m.batch} images at once, got ${count}`);
    m.input.set(images);
    m.forward(false);
    return m.outputs.map((o) => o.slice(0, (o.length / m.batch) * count));
  }

  async inputGradients(image: Float32Array): Promise<InputGradients> {
    return cpuInputGradients(this.m, image);
  }

  async readState(): Promise<ModelState> {
    return { params: this.m.params.slice(), buffers: this.m.buffers.slice() };
  }

  writeState(state: ModelState): void {
    this.m.params.set(state.params);
    this.m.buffers.set(state.buffers);
    this.m.resetOptimizer();
    this.candidate = { params: state.params.slice(), buffers: state.buffers.slice() };
    this.good = this.candidate;
  }

  keepGoodState(): void {
    this.good = this.candidate;
    this.candidate = { params: this.m.params.slice(), buffers: this.m.buffers.slice() };
  }

  restoreGoodState(): void {
    if (!this.good) return;
    this.m.params.set(this.good.params);
    this.m.buffers.set(this.good.buffers);
    this.m.resetOptimizer();
    this.candidate = this.good;
    this.sums = zeroSums();
  }

  async readGoodState(): Promise<ModelState | null> {
    return this.good && { params: this.good.params.slice(), buffers: this.good.buffers.slice() };
  }

  bytes(): number {
    return 0;
  }

  datasetBytes(): number {
    return 0;
  }

  destroy(): void {
    this.model = null;
    this.ops.dispose();
  }
}
