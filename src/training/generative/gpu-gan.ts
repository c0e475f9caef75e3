// A DCGAN step on the GPU, one submit: D learns from a real batch (label 1) and a generated one (label 0),
// their gradients summed into one Adam step; then G learns through D with the non-saturating loss
// (label 1 on D(G(z))): D runs backward down to its input, that gradient is copied into G's output
// gradient and G runs backward from it. D's parameter gradients from the G step are never applied.
import { BufferArena, readFloat32 } from '../../gpu/buffers';
import type { ModelDescription } from '../../model/describe';
import { GpuModel } from '../../model/gpu-model';
import type { GatherSources } from '../../model/model-gathers';
import { planAxpy } from '../../engine/ops/axpy';
import { decodeLossAccumulator, LOSS_ACCUMULATOR_FLOATS } from '../../engine/ops/loss';
import type { PlannedOp } from '../../engine/op';
import { OFFSET_ALIGNMENT, sizeOf, tensor, type Tensor } from '../../engine/tensor';
import { GAN_NORMALISATION, type GanSums } from './common';
import { checkPair, type GanEngine, type GanOptions, type GanState } from './engine';
import { GpuConditioning } from './gpu-conditional';
import { GpuOrder } from './gpu-order';
import { copyTensor, readModelState, writeModelState } from './gpu-util';

export class GpuGan implements GanEngine {
  readonly g: GpuModel;
  readonly d: GpuModel;
  readonly batch: number;
  readonly classes: number;
  private readonly arena: BufferArena;
  /** A conditional GAN's digit planes in D's input, else null. */
  private readonly conditioning: GpuConditioning | null;
  /** Accumulators [real, fake, gen], each LOSS_ACCUMULATOR_FLOATS, in one buffer. */
  private readonly acc: Tensor[];
  private readonly losses: { real: PlannedOp; fake: PlannedOp; gen: PlannedOp };
  /** D's parameter gradients of the real batch, kept while the fake batch's are computed. */
  private readonly realGrads: Tensor;
  private readonly sumGrads: PlannedOp;
  private readonly order: GpuOrder;
  private bound: GatherSources | null = null;
  private queued: Promise<unknown>[] = [];
  private steps = 0;

  constructor(
    readonly device: GPUDevice,
    gDesc: ModelDescription,
    dDesc: ModelDescription,
    options: GanOptions,
    /** The resident dataset's buffers, read at each step (they are replaced when the dataset grows). */
    private readonly dataset: () => GatherSources | null,
  ) {
    this.classes = checkPair(gDesc, dDesc);
    const common = { batch: options.batch, normalisation: GAN_NORMALISATION, loss: 'none' as const };
    this.batch = options.batch;
    this.g = new GpuModel(device, gDesc, { ...common, seed: options.seed, optimizer: options.generator });
    this.d = new GpuModel(device, dDesc, {
      ...common,
      seed: options.seed + 1,
      optimizer: options.discriminator,
      inputGrad: true,
    });
    this.arena = new BufferArena(device, 'gan');
    const ctx = { device, arena: this.arena };
    const n = sizeOf(this.d.logits.shape);
    const label = (name: string, value: number) =>
      tensor(this.arena.upload(name, new Float32Array(n).fill(value)), this.d.logits.shape);
    const ones = label('ones', 1);
    const zeros = label('zeros', 0);
    // One buffer, one 256-byte-aligned accumulator each, so a report is one readback.
    const accBuffer = this.arena.storage('accumulators', 3 * OFFSET_ALIGNMENT);
    this.acc = [0, 1, 2].map((i) => tensor(accBuffer, [LOSS_ACCUMULATOR_FLOATS], i * OFFSET_ALIGNMENT));
    this.losses = {
      real: this.d.planLoss('bce', ones, this.acc[0], 'd_real'),
      fake: this.d.planLoss('bce', zeros, this.acc[1], 'd_fake'),
      gen: this.d.planLoss('bce', ones, this.acc[2], 'g_loss'),
    };
    this.realGrads = tensor(this.arena.storage('d-real-grads', this.d.grads.buffer.size), this.d.grads.shape);
    this.sumGrads = planAxpy(ctx, { x: this.realGrads, y: this.d.grads, alpha: 1 }, 'd_sum_grads');
    this.order = new GpuOrder(device);
    this.conditioning = this.classes > 0 ? new GpuConditioning(device, this.g, this.d, this.classes) : null;
  }

  setOrder(order: Uint32Array): void {
    if (this.order.write(order)) this.bound = null;
  }

  private bind(): void {
    const sources = this.dataset();
    if (!sources) throw new Error('the dataset is not on the GPU yet');
    if (sources === this.bound) return;
    if (this.conditioning) this.conditioning.bind(this.order.sources(sources));
    else this.d.bindDataset(this.order.sources(sources));
    this.bound = sources;
  }

  step(start: number, step: number, z: Float32Array): void {
    this.bind();
    const { g, d } = this;
    const conditioning = this.conditioning;
    this.device.queue.writeBuffer(g.input.buffer, g.input.offset, z);
    conditioning?.writeFakeDigits(z);
    const encoder = this.device.createCommandEncoder({ label: 'gan-step' });
    let pass = encoder.beginComputePass({ label: 'gan-step/real' });
    g.encodeTrainForward(pass, step);
    if (conditioning) conditioning.encodeReal(pass, start);
    else d.encodeTrainGather(pass, start);
    d.encodeTrainForward(pass, step);
    this.losses.real.encode(pass);
    d.encodeBackward(pass);
    pass.end();
    copyTensor(encoder, d.grads, this.realGrads);
    if (!conditioning) copyTensor(encoder, g.logits, d.input);
    pass = encoder.beginComputePass({ label: 'gan-step/fake' });
    conditioning?.encodeFake(pass);
    d.encodeTrainForward(pass, step);
    this.losses.fake.encode(pass);
    d.encodeBackward(pass);
    this.sumGrads.encode(pass);
    d.encodeUpdate(pass);
    // The generator step: the updated D judges the same fakes, and its input gradient drives G.
    d.encodeTrainForward(pass, step);
    this.losses.gen.encode(pass);
    d.encodeBackward(pass);
    pass.end();
    if (!conditioning) copyTensor(encoder, d.inputGrad, g.outputGrad);
    pass = encoder.beginComputePass({ label: 'gan-step/generator' });
    conditioning?.encodeImageGrad(pass);
    g.encodeBackward(pass);
    g.encodeUpdate(pass);
    pass.end();
    this.device.queue.submit([encoder.finish()]);
    this.steps += 1;
    const done = this.device.queue.onSubmittedWorkDone();
    // Left behind when the device is lost, it may still reject: mark it handled.
    done.catch(() => undefined);
    this.queued.push(done);
  }

  async settle(): Promise<void> {
    while (this.queued.length > 2) await this.queued.shift();
  }

  async takeSums(): Promise<GanSums> {
    const buffer = this.acc[0].buffer;
    const words = await readFloat32(this.device, buffer, buffer.size / 4);
    const encoder = this.device.createCommandEncoder({ label: 'gan-clear-sums' });
    encoder.clearBuffer(buffer);
    this.device.queue.submit([encoder.finish()]);
    const [real, fake, gen] = this.acc.map((a) =>
      decodeLossAccumulator(words.subarray(a.offset / 4, a.offset / 4 + LOSS_ACCUMULATOR_FLOATS)),
    );
    const steps = this.steps;
    this.steps = 0;
    return { real: real.lossSum, fake: fake.lossSum, gen: gen.lossSum, samples: real.samples, steps };
  }

  async generate(z: Float32Array, count: number): Promise<Float32Array> {
    return this.forward(this.g, z, count);
  }

  async discriminate(images: Float32Array, count: number): Promise<Float32Array> {
    return this.forward(this.d, images, count);
  }

  private async forward(m: GpuModel, input: Float32Array, count: number): Promise<Float32Array> {
    if (count > this.batch) throw new Error(`at most ${this.batch} at once, got ${count}`);
    this.device.queue.writeBuffer(
      m.input.buffer,
      m.input.offset,
      input,
      0,
      count * sizeOf(m.desc.inputShape),
    );
    const encoder = this.device.createCommandEncoder({ label: 'gan-forward' });
    const pass = encoder.beginComputePass({ label: 'gan-forward' });
    m.encodeForward(pass);
    pass.end();
    this.device.queue.submit([encoder.finish()]);
    return readFloat32(this.device, m.logits.buffer, count * sizeOf(m.desc.outputShape), m.logits.offset);
  }

  async readState(): Promise<GanState> {
    const [generator, discriminator] = await Promise.all([readModelState(this.g), readModelState(this.d)]);
    return { generator, discriminator };
  }

  writeState(state: GanState): void {
    writeModelState(this.g, state.generator);
    writeModelState(this.d, state.discriminator);
  }

  destroy(): void {
    this.g.destroy();
    this.d.destroy();
    this.arena.destroy();
    this.order.destroy();
    this.conditioning?.destroy();
  }
}
