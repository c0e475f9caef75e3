// The same DCGAN step as GpuGan on CpuOps (WebAssembly SIMD or the reference ops): the CPU backend's GAN,
// and on the reference ops the oracle the GPU step is checked against.
import { referenceOps, type CpuOps } from '../../engine/cpu-ops';
import { buildAfresh } from '../../engine/wasm/sizing';
import { CpuModel } from '../../model/cpu-model';
import type { ModelDescription } from '../../model/describe';
import { gatherBatch } from '../../engine/reference/gather-batch';
import { bceWithLogits } from '../../engine/reference/loss';
import type { HostDataset, ModelState } from '../backend';
import { GAN_NORMALISATION, type GanSums } from './common';
import { digitsOf, imageGrads, packPlanes } from './conditional';
import { checkPair, type GanEngine, type GanOptions, type GanState } from './engine';

export class CpuGan implements GanEngine {
  readonly g: CpuModel;
  readonly d: CpuModel;
  readonly batch: number;
  private order: Uint32Array = new Uint32Array(0);
  private readonly ones: Float32Array;
  private readonly zeros: Float32Array;
  private readonly realGrads: Float32Array;
  private sums: GanSums = emptySums();
  /** Digit planes after the image in D's input (a conditional GAN), else 0. */
  readonly classes: number;
  /** Conditional GAN: the real batch's images before packing, and the digits the fake batch was asked for. */
  private readonly images: Float32Array;
  private readonly fakeDigits: Uint32Array;

  constructor(
    gDesc: ModelDescription,
    dDesc: ModelDescription,
    options: GanOptions,
    private readonly dataset: () => HostDataset,
    /** The kernels of both networks, owned from here on (disposed with the engine). */
    private readonly ops: CpuOps = referenceOps,
  ) {
    this.classes = checkPair(gDesc, dDesc);
    this.batch = options.batch;
    const models = buildAfresh(ops, (o) => ({
      g: new CpuModel(gDesc, options.batch, options.generator, options.seed, { loss: 'none', ops: o }),
      d: new CpuModel(dDesc, options.batch, options.discriminator, options.seed + 1, {
        loss: 'none',
        inputGrad: true,
        ops: o,
      }),
    }));
    this.g = models.g;
    this.d = models.d;
    this.ones = new Float32Array(options.batch).fill(1);
    this.zeros = new Float32Array(options.batch);
    this.realGrads = new Float32Array(this.d.grads.length);
    this.images = new Float32Array(this.classes > 0 ? this.g.outputGrad.length : 0);
    this.fakeDigits = new Uint32Array(this.classes > 0 ? options.batch : 0);
  }

  /** D's input from images (and, for a conditional GAN, their digits' planes). */
  private judge(images: Float32Array, digits: Uint32Array): void {
    const { d, batch, classes } = this;
    if (classes === 0) return d.input.set(images);
    const size = images.length / batch;
    packPlanes(images, digits, batch, size, size, classes, d.input);
  }

  setOrder(order: Uint32Array): void {
    this.order = order;
  }

  step(start: number, step: number, z: Float32Array): void {
    const { g, d } = this;
    const { train, pixels } = this.dataset();
    g.input.set(z);
    const fake = g.forward(true, step);
    const source = { images: train.images, labels: train.labels, pixels };
    const conditional = this.classes > 0;
    const realX = conditional ? this.images : d.input;
    gatherBatch(source, this.order, start, this.batch, GAN_NORMALISATION, realX, d.labels);
    if (conditional) {
      this.judge(realX, d.labels);
      digitsOf(z, z.length / this.batch, this.classes, this.fakeDigits);
    }
    const real = bceWithLogits(d.forward(true, step), this.ones, d.outputGrad).loss;
    d.backward(step);
    this.realGrads.set(d.grads);
    this.judge(fake, this.fakeDigits);
    const fakeLoss = bceWithLogits(d.forward(true, step), this.zeros, d.outputGrad).loss;
    d.backward(step);
    for (let i = 0; i < d.grads.length; i++) d.grads[i] += this.realGrads[i];
    d.update();
    const gen = bceWithLogits(d.forward(true, step), this.ones, d.outputGrad).loss;
    d.backward(step);
    if (conditional) imageGrads(d.inputGrad, this.batch, this.images.length / this.batch, g.outputGrad);
    else g.outputGrad.set(d.inputGrad);
    g.backward(step);
    g.update();
    const s = this.sums;
    s.real += real * this.batch;
    s.fake += fakeLoss * this.batch;
    s.gen += gen * this.batch;
    s.samples += this.batch;
    s.steps += 1;
  }

  async settle(): Promise<void> {}

  async takeSums(): Promise<GanSums> {
    const out = this.sums;
    this.sums = emptySums();
    return out;
  }

  async generate(z: Float32Array, count: number): Promise<Float32Array> {
    return forwardRows(this.g, z, count);
  }

  async discriminate(images: Float32Array, count: number): Promise<Float32Array> {
    return forwardRows(this.d, images, count);
  }

  async readState(): Promise<GanState> {
    return { generator: stateOf(this.g), discriminator: stateOf(this.d) };
  }

  writeState(state: GanState): void {
    setState(this.g, state.generator);
    setState(this.d, state.discriminator);
  }

  destroy(): void {
    this.ops.dispose();
  }
}

const emptySums = (): GanSums => ({ real: 0, fake: 0, gen: 0, samples: 0, steps: 0 });

/** Eval-mode forward of `count` rows (count ≤ batch); returns their outputs. */
export function forwardRows(m: CpuModel, input: Float32Array, count: number): Float32Array {
  if (count > m.batch) throw new Error(`at most ${m.batch} at once, got ${count}`);
  m.input.set(input.subarray(0, count * (m.input.length / m.batch)));
  const out = m.forward(false);
  return out.slice(0, (out.length / m.batch) * count);
}

export function stateOf(m: CpuModel): ModelState {
  return { params: m.params.slice(), buffers: m.buffers.slice() };
}

export function setState(m: CpuModel, state: ModelState): void {
  m.params.set(state.params);
  m.buffers.set(state.buffers);
  m.resetOptimizer();
}
