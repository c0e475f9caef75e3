// The dense tasks on the CPU ops (WebAssembly SIMD or the reference TypeScript): the same model, losses and
// test passes as the GPU engine.
import { CpuModel } from '../../model/cpu-model';
import { referenceOps, type CpuOps } from '../../engine/cpu-ops';
import { buildAfresh } from '../../engine/wasm/sizing';
import type { ModelDescription } from '../../model/describe';
import { centerNetDecode, centerNetLoss, segmentationConfusion } from '../../engine/reference/centernet';
import { softmaxCrossEntropy2d } from '../../engine/reference/loss';
import type { ModelState } from '../backend';
import { setState, stateOf } from '../generative/cpu-gan';
import type { DenseBatch } from './batches';
import {
  classWeights,
  NO_LABEL,
  type DenseEngine,
  type DenseOptions,
  type DenseSums,
  type SegmentResult,
} from './engine';

export class CpuDenseEngine implements DenseEngine {
  readonly model: CpuModel;
  readonly batch: number;
  private readonly weights: Float32Array;
  private sums: DenseSums = { loss: 0, samples: 0, nonFinite: 0 };

  constructor(
    readonly desc: ModelDescription,
    private readonly options: DenseOptions,
    /** The kernels, owned from here on (disposed with the engine). */
    private readonly ops: CpuOps = referenceOps,
  ) {
    this.batch = options.batch;
    this.model = buildAfresh(
      ops,
      (o) => new CpuModel(desc, options.batch, options.optimizer, options.seed, { loss: 'none', ops: o }),
    );
    this.weights = classWeights(desc.outputShape[0], options.backgroundWeight);
  }

  private get head() {
    const [channels, height, width] = this.desc.outputShape;
    return { batch: this.batch, classes: channels - 4, height, width };
  }

  step(batch: DenseBatch, step: number): void {
    const m = this.model;
    if (batch.count !== this.batch) throw new Error(`a step needs ${this.batch} scenes, got ${batch.count}`);
    m.input.set(batch.inputs);
    const output = m.forward(true, step);
    const shape = [this.batch, ...this.desc.outputShape];
    const loss =
      this.options.task === 'segmentation'
        ? softmaxCrossEntropy2d(output, batch.labels!, m.outputGrad, shape, null, 0, this.weights).loss
        : centerNetLoss(output, batch.target!, batch.mask!, this.head, m.outputGrad).loss;
    m.backward(step);
    m.update();
    this.sums.loss += loss * this.batch;
    this.sums.samples += this.batch;
    if (!Number.isFinite(loss)) this.sums.nonFinite += 1;
  }

  async settle(): Promise<void> {}

  async takeSums(): Promise<DenseSums> {
    const out = this.sums;
    this.sums = { loss: 0, samples: 0, nonFinite: 0 };
    return out;
  }

  /** Runs the eval forward over `count` scenes a batch at a time; `each` sees the output and the rows used. */
  private forEachBatch(
    inputs: Float32Array,
    count: number,
    each: (start: number, n: number, out: Float32Array) => void,
  ) {
    const m = this.model;
    const pixels = m.input.length / this.batch;
    for (let start = 0; start < count; start += this.batch) {
      const n = Math.min(this.batch, count - start);
      m.input.fill(0);
      m.input.set(inputs.subarray(start * pixels, (start + n) * pixels));
      each(start, n, m.forward(false));
    }
  }

  async segment(
    inputs: Float32Array,
    labels: Uint32Array | null,
    count: number,
    keep: number,
  ): Promise<SegmentResult> {
    const [classes, h, w] = this.desc.outputShape;
    const plane = h * w;
    const confusion = new Uint32Array(classes * classes);
    const predicted = new Uint8Array(Math.min(keep, count) * plane);
    const rows = new Uint32Array(this.batch * plane);
    this.forEachBatch(inputs, count, (start, n, out) => {
      rows.fill(NO_LABEL);
      if (labels) rows.set(labels.subarray(start * plane, (start + n) * plane));
      const r = segmentationConfusion(out, rows, [this.batch, classes, h, w]);
      for (let i = 0; i < confusion.length; i++) confusion[i] += r.confusion[i];
      const kept = Math.max(0, Math.min(n, keep - start));
      if (kept > 0) predicted.set(r.predicted.subarray(0, kept * plane), start * plane);
    });
    return { confusion, predicted };
  }

  async detect(inputs: Float32Array, count: number): Promise<Float32Array> {
    const [, h, w] = this.desc.outputShape;
    const row = h * w * 6;
    const result = new Float32Array(count * row);
    this.forEachBatch(inputs, count, (start, n, out) => {
      const decoded = centerNetDecode(out, this.head, this.options.stride);
      result.set(decoded.subarray(0, n * row), start * row);
    });
    return result;
  }

  async activations(input: Float32Array): Promise<Float32Array[]> {
    const m = this.model;
    this.forEachBatch(input, 1, () => undefined);
    return m.outputs.map((o) => o.slice(0, o.length / this.batch));
  }

  async readState(): Promise<ModelState> {
    return stateOf(this.model);
  }

  writeState(state: ModelState): void {
    setState(this.model, state);
  }

  destroy(): void {
    this.ops.dispose();
  }
}
