// Small GPU helpers of the generative trainers: tensor copies between models and state transfer.
import { readFloat32 } from '../../gpu/buffers';
import type { GpuModel } from '../../model/gpu-model';
import { sizeOf, type Tensor } from '../../engine/tensor';
import type { ModelState } from '../backend';

/** Copies a whole tensor into another of the same size (outside a compute pass). */
export function copyTensor(encoder: GPUCommandEncoder, from: Tensor, to: Tensor): void {
  const bytes = sizeOf(from.shape) * 4;
  if (bytes !== sizeOf(to.shape) * 4) throw new Error(`cannot copy [${from.shape}] into [${to.shape}]`);
  encoder.copyBufferToBuffer(from.buffer, from.offset, to.buffer, to.offset, bytes);
}

export async function readModelState(m: GpuModel): Promise<ModelState> {
  const [params, buffers] = await Promise.all([
    readFloat32(m.device, m.params.buffer, m.desc.paramFloats),
    readFloat32(m.device, m.buffers.buffer, m.desc.bufferFloats),
  ]);
  return { params, buffers };
}

/** Writes weights and running statistics and zeroes the optimizer state. */
export function writeModelState(m: GpuModel, state: ModelState): void {
  m.device.queue.writeBuffer(m.params.buffer, 0, state.params);
  m.device.queue.writeBuffer(m.buffers.buffer, 0, state.buffers);
  const encoder = m.device.createCommandEncoder({ label: 'write-state' });
  m.resetOptimizer(encoder);
  m.device.queue.submit([encoder.finish()]);
}
