// A conditional GAN's packing on the GPU, from the engine's existing kernels: the real batch is gathered
// into its own image tensor with its labels; the digit planes are a second gather whose "dataset" is a
// bank of one image per digit (its planes: 255 on the digit's plane, 0 elsewhere) indexed by those labels
// (or by the digits the fake batch was asked for, written by the host); a channel concat puts image and
// planes into D's input, and the concat's backward hands the image channel's gradient to G.
import { BufferArena } from '../../gpu/buffers';
import { planConcatBackward, planConcatForward } from '../../engine/ops/concat';
import { packBytes, planGatherBatch, type GatherBatchOp } from '../../engine/ops/gather-batch';
import type { PlannedOp } from '../../engine/op';
import { sizeOf, tensor, type Tensor } from '../../engine/tensor';
import type { GpuModel } from '../../model/gpu-model';
import type { GatherSources } from '../../model/model-gathers';
import { GAN_NORMALISATION } from './common';
import { digitsOf } from './conditional';

/** Planes as the bank stores them: byte 255 read with mean 0 and std 1 gives 1. */
const PLANE_NORMALISATION = { mean: 0, std: 1 };

export class GpuConditioning {
  private readonly arena: BufferArena;
  private gatherArena: BufferArena | null = null;
  private readonly images: Tensor;
  private readonly planes: Tensor;
  /** u32 digits: the real batch's labels (written by its gather) and the fake batch's (by the host). */
  private readonly realDigits: Tensor;
  private readonly fakeDigits: Tensor;
  private readonly host: Uint32Array;
  private realGather: GatherBatchOp | null = null;
  private readonly realPlanes: PlannedOp;
  private readonly fakePlanes: PlannedOp;
  private readonly packReal: PlannedOp;
  private readonly packFake: PlannedOp;
  private readonly unpack: PlannedOp;

  constructor(
    private readonly device: GPUDevice,
    g: GpuModel,
    d: GpuModel,
    private readonly classes: number,
  ) {
    this.arena = new BufferArena(device, 'gan-conditioning');
    const ctx = { device, arena: this.arena };
    const [batch, ...image] = g.logits.shape;
    const planeShape = [batch, classes, ...image.slice(1)];
    const plane = sizeOf(image.slice(1));
    this.images = tensor(this.arena.storage('real-images', g.logits.buffer.size), g.logits.shape);
    this.planes = tensor(this.arena.storage('planes', sizeOf(planeShape) * 4), planeShape);
    const digits = (name: string) => tensor(this.arena.storage(name, Math.max(16, batch * 4)), [batch]);
    this.realDigits = digits('real-digits');
    this.fakeDigits = digits('fake-digits');
    this.host = new Uint32Array(batch);
    // Digit k's entry in the bank: its planes, 255 on plane k.
    const bank = new Uint8Array(classes * classes * plane);
    for (let k = 0; k < classes; k++)
      bank.fill(255, (k * classes + k) * plane, (k * classes + k + 1) * plane);
    const bankImages = this.arena.upload('plane-bank', packBytes(bank));
    const bankLabels = this.arena.upload('plane-bank-labels', packBytes(new Uint8Array(classes)));
    const unused = tensor(this.arena.storage('plane-labels', Math.max(16, batch * 4)), [batch]);
    const planesOf = (indices: Tensor) =>
      planGatherBatch(
        ctx,
        { indices: indices.buffer, images: bankImages, labels: bankLabels, x: this.planes, y: unused },
        PLANE_NORMALISATION,
      );
    this.realPlanes = planesOf(this.realDigits);
    this.fakePlanes = planesOf(this.fakeDigits);
    this.packReal = planConcatForward(ctx, { xs: [this.images, this.planes], y: d.input }, 'd_real_planes');
    this.packFake = planConcatForward(ctx, { xs: [g.logits, this.planes], y: d.input }, 'd_fake_planes');
    const planeGrads = tensor(this.arena.storage('plane-grads', sizeOf(planeShape) * 4), planeShape);
    this.unpack = planConcatBackward(
      ctx,
      { dy: d.inputGrad, dxs: [g.outputGrad, planeGrads] },
      'g_image_grad',
    );
  }

  /** Plans the real batch's gather against the dataset's buffers (again whenever they are reallocated). */
  bind(sources: GatherSources): void {
    this.gatherArena?.destroy();
    this.gatherArena = new BufferArena(this.device, 'gan-conditioning/gather');
    this.realGather = planGatherBatch(
      { device: this.device, arena: this.gatherArena },
      {
        indices: sources.trainOrder,
        images: sources.trainImages,
        labels: sources.trainLabels,
        x: this.images,
        y: this.realDigits,
      },
      GAN_NORMALISATION,
    );
  }

  /** Queues the digits that the rows of `z` ask for (before the step's submit). */
  writeFakeDigits(z: Float32Array): void {
    digitsOf(z, z.length / this.host.length, this.classes, this.host);
    this.device.queue.writeBuffer(this.fakeDigits.buffer, this.fakeDigits.offset, this.host);
  }

  /** D's input: the real batch order[start, start + batch) with its labels' planes. */
  encodeReal(pass: GPUComputePassEncoder, start: number): void {
    if (!this.realGather) throw new Error('the dataset is not on the GPU yet');
    this.realGather.setStart(start);
    this.realGather.encode(pass);
    this.realPlanes.encode(pass);
    this.packReal.encode(pass);
  }

  /** D's input: G's images with the planes of the digits they were asked for. */
  encodeFake(pass: GPUComputePassEncoder): void {
    this.fakePlanes.encode(pass);
    this.packFake.encode(pass);
  }

  /** G's output gradient: the image channel of D's input gradient. */
  encodeImageGrad(pass: GPUComputePassEncoder): void {
    this.unpack.encode(pass);
  }

  destroy(): void {
    this.gatherArena?.destroy();
    this.arena.destroy();
  }
}
