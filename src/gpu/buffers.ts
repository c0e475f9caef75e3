// Buffer helpers and the arena that owns every buffer of a model, sized once when the model is built.

// Usage flags by their values in the WebGPU spec rather than through the GPUBufferUsage global, so code
// that merely imports this module (the CPU backend, Node unit tests) loads where WebGPU is absent.
const USAGE = { MAP_READ: 0x1, COPY_SRC: 0x4, COPY_DST: 0x8, UNIFORM: 0x40, STORAGE: 0x80 } as const;

export const STORAGE = USAGE.STORAGE | USAGE.COPY_SRC | USAGE.COPY_DST;
export const UNIFORM = USAGE.UNIFORM | USAGE.COPY_DST;
export const READBACK = USAGE.MAP_READ | USAGE.COPY_DST;

/** Storage buffers are rounded up to 16 bytes so vec4 views never read past the end. */
export function paddedSize(bytes: number): number {
  return Math.max(16, Math.ceil(bytes / 16) * 16);
}

export function createBuffer(device: GPUDevice, label: string, bytes: number, usage = STORAGE): GPUBuffer {
  return device.createBuffer({ label, size: paddedSize(bytes), usage });
}

export function uploadBuffer(
  device: GPUDevice,
  label: string,
  data: ArrayBufferView,
  usage = STORAGE,
): GPUBuffer {
  const buffer = createBuffer(device, label, data.byteLength, usage);
  device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
  return buffer;
}

/** Copies `bytes` from a buffer into a fresh staging buffer and maps it. Off the hot path only. */
export async function readBuffer(
  device: GPUDevice,
  source: GPUBuffer,
  bytes = source.size,
  offset = 0,
): Promise<ArrayBuffer> {
  const size = Math.ceil(bytes / 4) * 4;
  const staging = device.createBuffer({
    label: `${source.label}:readback`,
    size,
    usage: READBACK,
  });
  const encoder = device.createCommandEncoder({ label: `${source.label}:readback` });
  encoder.copyBufferToBuffer(source, offset, staging, 0, size);
  device.queue.submit([encoder.finish()]);
  await staging.mapAsync(GPUMapMode.READ);
  const copy = staging.getMappedRange().slice(0, bytes);
  staging.unmap();
  staging.destroy();
  return copy;
}

export async function readFloat32(
  device: GPUDevice,
  source: GPUBuffer,
  count: number,
  offset = 0,
): Promise<Float32Array> {
  return new Float32Array(await readBuffer(device, source, count * 4, offset));
}

/**
 * Owns the buffers of one model or one op set. Every buffer is allocated through it with a label, so
 * `bytes` and `count` describe the whole model and `destroy()` releases everything at once.
 */
export class BufferArena {
  private readonly buffers: GPUBuffer[] = [];
  bytes = 0;

  constructor(
    readonly device: GPUDevice,
    readonly label: string,
  ) {}

  get count(): number {
    return this.buffers.length;
  }

  storage(name: string, bytes: number): GPUBuffer {
    return this.track(createBuffer(this.device, `${this.label}/${name}`, bytes, STORAGE));
  }

  uniform(name: string, bytes: number): GPUBuffer {
    return this.track(createBuffer(this.device, `${this.label}/${name}`, bytes, UNIFORM));
  }

  upload(name: string, data: ArrayBufferView, usage = STORAGE): GPUBuffer {
    return this.track(uploadBuffer(this.device, `${this.label}/${name}`, data, usage));
  }

  private track(buffer: GPUBuffer): GPUBuffer {
    this.buffers.push(buffer);
    this.bytes += buffer.size;
    return buffer;
  }

  destroy(): void {
    for (const b of this.buffers) b.destroy();
    this.buffers.length = 0;
    this.bytes = 0;
  }
}
