// Batch gathering on the GPU: the dataset stays resident as packed uint8 and each step gathers its batch
// by an index buffer (a seeded permutation), so no image crosses the bus after the one upload.
import { bindKernel, getKernel, groups, packUniforms } from '../../gpu/kernel';
import { gatherBatchSpec } from '../../gpu/kernels/gather_batch';
import type { EngineContext, PlannedOp } from '../op';
import { bindingOf, sizeOf, type Tensor } from '../tensor';

const WG = 64;
const MAX_GROUPS = 65535;

export interface GatherNormalisation {
  mean: number;
  std: number;
}

export interface GatherBatchTensors {
  /** u32 image indices; the batch reads indices[start .. start + batch). */
  indices: GPUBuffer;
  /** Packed uint8 pixels, image after image (see packBytes). */
  images: GPUBuffer;
  /** Packed uint8 labels. */
  labels: GPUBuffer;
  /** Output [batch, ...imageShape] floats. */
  x: Tensor;
  /** Output u32 labels, at least `batch` of them. */
  y: Tensor;
}

export interface GatherBatchOp extends PlannedOp {
  /** Chooses where in `indices` the next encoded gather starts; queue-ordered, so set it before submit. */
  setStart(start: number): void;
}

export function planGatherBatch(
  ctx: EngineContext,
  t: GatherBatchTensors,
  norm: GatherNormalisation,
): GatherBatchOp {
  const [batch] = t.x.shape;
  const pixels = sizeOf(t.x.shape) / batch;
  // 64 threads: up to 4 images by groups of 4 pixels.
  const rows = Math.min(4, 2 ** Math.ceil(Math.log2(batch)));
  const workgroupSize = [WG / rows, rows] as const;
  const workgroups = [groups(Math.ceil(pixels / 4), workgroupSize[0]), groups(batch, rows)] as const;
  if (workgroups.some((n) => n > MAX_GROUPS)) {
    throw new Error(
      `gather_batch: ${batch} images of ${pixels} values need more than ${MAX_GROUPS} workgroups per axis`,
    );
  }
  const kernel = getKernel(ctx.device, gatherBatchSpec({ aligned: pixels % 4 === 0, workgroupSize }));
  const uniforms = ctx.arena.uniform('gather_batch/params', kernel.uniformSize);
  const values = { batch, start: 0, pixels, mean: norm.mean, inv_std: 1 / norm.std };
  const write = (start: number) =>
    ctx.device.queue.writeBuffer(uniforms, 0, packUniforms(kernel, { ...values, start }));
  write(0);
  const bindGroup = bindKernel(ctx.device, kernel, {
    params: uniforms,
    indices: t.indices,
    images: t.images,
    labels: t.labels,
    x: bindingOf(t.x),
    y: bindingOf(t.y),
  });
  return {
    label: 'gather_batch',
    setStart: write,
    encode(pass) {
      pass.setPipeline(kernel.pipeline);
      pass.setBindGroup(0, bindGroup);
      pass.dispatchWorkgroups(...workgroups);
    },
  };
}

/** Packs bytes 4 per u32 (little-endian, as WebGPU reads them), zero-padded to a whole word. */
export function packBytes(bytes: Uint8Array, capacityBytes = bytes.length): Uint32Array {
  const words = new Uint32Array(Math.max(1, Math.ceil(capacityBytes / 4)));
  new Uint8Array(words.buffer).set(bytes);
  return words;
}
