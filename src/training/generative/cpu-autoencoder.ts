// The autoencoder on CpuOps (WebAssembly SIMD or the reference ops): the same model, loss and eval passes
// as GpuAutoencoder.
import { referenceOps, type CpuOps } from '../../engine/cpu-ops';
import { buildAfresh } from '../../engine/wasm/sizing';
import { CpuModel } from '../../model/cpu-model';
import type { ModelDescription } from '../../model/describe';
import { gatherBatch } from '../../engine/reference/gather-batch';
import type { HostDataset, ModelState } from '../backend';
import { AE_NORMALISATION } from './common';
import { setState, stateOf } from './cpu-gan';
import type { AeSums, AutoencoderEngine, AutoencoderOptions } from './engine';

export class CpuAutoencoder implements AutoencoderEngine {
  readonly model: CpuModel;
  readonly batch: number;
  private order: Uint32Array = new Uint32Array(0);
  private sums: AeSums = { loss: 0, samples: 0, nonFinite: 0 };

  constructor(
    desc: ModelDescription,
    options: AutoencoderOptions,
    private readonly dataset: () => HostDataset,
    /** The kernels, owned from here on (disposed with the engine). */
    private readonly ops: CpuOps = referenceOps,
  ) {
    this.batch = options.batch;
    this.model = buildAfresh(
      ops,
      (o) =>
        new CpuModel(desc, options.batch, options.optimizer, options.seed, { loss: options.loss, ops: o }),
    );
  }

  setOrder(order: Uint32Array): void {
    this.order = order;
  }

  step(start: number, step: number): void {
    const m = this.model;
    const { train, pixels } = this.dataset();
    const source = { images: train.images, labels: train.labels, pixels };
    gatherBatch(source, this.order, start, this.batch, AE_NORMALISATION, m.input, m.labels);
    const { lossSum } = m.step(step);
    this.sums.loss += lossSum;
    this.sums.samples += this.batch;
    if (!Number.isFinite(lossSum)) this.sums.nonFinite += 1;
  }

  async settle(): Promise<void> {}

  async takeSums(): Promise<AeSums> {
    const out = this.sums;
    this.sums = { loss: 0, samples: 0, nonFinite: 0 };
    return out;
  }

  async layerOutputs(images: Float32Array, count: number, layer: number): Promise<Float32Array> {
    const m = this.model;
    return this.batched(m.input, images, count, m.outputs[layer], () => m.forward(false));
  }

  async decodeFrom(layer: number, values: Float32Array, count: number): Promise<Float32Array> {
    const m = this.model;
    const last = m.outputs[m.outputs.length - 1];
    return this.batched(m.outputs[layer], values, count, last, () => m.forwardFrom(layer + 1));
  }

  private batched(
    into: Float32Array,
    rows: Float32Array,
    count: number,
    out: Float32Array,
    run: () => void,
  ): Float32Array {
    const B = this.batch;
    const inRow = into.length / B;
    const outRow = out.length / B;
    const result = new Float32Array(count * outRow);
    for (let start = 0; start < count; start += B) {
      const n = Math.min(B, count - start);
      into.set(rows.subarray(start * inRow, (start + n) * inRow));
      run();
      result.set(out.subarray(0, n * outRow), start * outRow);
    }
    return result;
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
