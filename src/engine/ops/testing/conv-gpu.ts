// Test helper: runs planned conv ops on the test device with every tensor at a non-zero, aligned offset
// and every output pre-filled with NaN, so unwritten elements and offset bugs both fail the comparison.
import { BufferArena, readFloat32 } from '../../../gpu/buffers';
import { OFFSET_ALIGNMENT, tensor, type Tensor } from '../../tensor';
import type { EngineContext, PlannedOp } from '../../op';
import { encodeAll } from '../../op';

export interface GpuRun {
  ctx: EngineContext;
  /** Uploads values (or NaNs for an output) and returns the tensor view. */
  put(name: string, shape: readonly number[], values?: ArrayLike<number>): Tensor;
  /** Encodes the ops into one pass, submits, and reads back the named tensors. */
  run(ops: PlannedOp[], read: Record<string, Tensor>): Promise<Record<string, Float32Array>>;
}

export function gpuRun(device: GPUDevice, label: string): GpuRun {
  const arena = new BufferArena(device, label);
  const ctx = { device, arena };
  return {
    ctx,
    put(name, shape, values) {
      const count = shape.reduce((a, b) => a * b, 1);
      const data = values ? Float32Array.from(values) : new Float32Array(count).fill(NaN);
      const buffer = arena.storage(name, OFFSET_ALIGNMENT + count * 4);
      device.queue.writeBuffer(buffer, OFFSET_ALIGNMENT, data);
      return tensor(buffer, shape, OFFSET_ALIGNMENT);
    },
    async run(ops, read) {
      const encoder = device.createCommandEncoder({ label });
      const pass = encoder.beginComputePass({ label });
      encodeAll(pass, ops);
      pass.end();
      device.queue.submit([encoder.finish()]);
      const out: Record<string, Float32Array> = {};
      for (const [name, t] of Object.entries(read)) {
        out[name] = await readFloat32(
          device,
          t.buffer,
          t.shape.reduce((a, b) => a * b, 1),
          t.offset,
        );
      }
      arena.destroy();
      return out;
    },
  };
}
