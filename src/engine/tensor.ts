// A tensor is a view into a GPU buffer: contiguous float32 in row-major order (NCHW for images).
// Parameters and gradients live in one flat buffer each, so views carry a byte offset; WebGPU requires
// storage-binding offsets to be multiples of minStorageBufferOffsetAlignment (256 bytes).
import type { BindingResource } from '../gpu/kernel';

export const OFFSET_ALIGNMENT = 256;

export interface Tensor {
  readonly buffer: GPUBuffer;
  readonly shape: readonly number[];
  /** Byte offset of element 0 in `buffer`; a multiple of OFFSET_ALIGNMENT. */
  readonly offset: number;
}

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function tensor(buffer: GPUBuffer, shape: readonly number[], offset = 0): Tensor {
  if (offset % OFFSET_ALIGNMENT !== 0)
    throw new Error(`tensor offset ${offset} is not ${OFFSET_ALIGNMENT}-aligned`);
  if (offset + sizeOf(shape) * 4 > buffer.size) {
    throw new Error(`tensor [${shape}] at ${offset} overruns buffer ${buffer.label} (${buffer.size} bytes)`);
  }
  return { buffer, shape, offset };
}

/** The binding resource covering exactly this tensor's elements (rounded up to 4 bytes). */
export function bindingOf(t: Tensor): BindingResource {
  return { buffer: t.buffer, offset: t.offset, size: Math.max(4, sizeOf(t.shape) * 4) };
}

/**
 * A vec4 view of a tensor: its byte size rounded up to 16, for kernels that read and write whole vec4s.
 * Buffers from the arena are padded to 16 bytes, so this fits; `what` names the tensor in the error.
 */
export function vec4BindingOf(t: Tensor, what: string): BindingResource {
  const size = Math.ceil(Math.max(4, sizeOf(t.shape) * 4) / 16) * 16;
  if (t.offset + size > t.buffer.size) {
    throw new Error(`${what} needs its buffer padded to 16 bytes (${t.buffer.label})`);
  }
  return { buffer: t.buffer, offset: t.offset, size };
}

/** Flatten and reshape are views: same buffer and offset, new shape of equal size. */
export function reshape(t: Tensor, shape: readonly number[]): Tensor {
  if (sizeOf(shape) !== sizeOf(t.shape)) throw new Error(`cannot reshape [${t.shape}] to [${shape}]`);
  return { buffer: t.buffer, shape, offset: t.offset };
}
