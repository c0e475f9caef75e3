// Times a planned op on the device: GPU timestamps around one compute pass where the device has
// 'timestamp-query' (the kernels' own time), else the wall time from submit to onSubmittedWorkDone (which
// includes the submit's overhead, the same for every candidate).
import type { PlannedOp } from '../op';

export interface OpTimer {
  /** Milliseconds per repetition of `op`, encoded `reps` times into one pass and submitted once. */
  time(op: PlannedOp, reps: number): Promise<number>;
  readonly method: 'timestamp' | 'wall';
  dispose(): void;
}

function encodeReps(pass: GPUComputePassEncoder, op: PlannedOp, reps: number): void {
  for (let r = 0; r < reps; r++) op.encode(pass);
}

export function wallTimer(device: GPUDevice): OpTimer {
  return {
    method: 'wall',
    async time(op, reps) {
      const encoder = device.createCommandEncoder({ label: `tune/${op.label}` });
      const pass = encoder.beginComputePass({ label: `tune/${op.label}` });
      encodeReps(pass, op, reps);
      pass.end();
      const t0 = performance.now();
      device.queue.submit([encoder.finish()]);
      await device.queue.onSubmittedWorkDone();
      return (performance.now() - t0) / reps;
    },
    dispose() {},
  };
}

/** Timestamps at the pass's start and end, resolved into a buffer and read back once per timing. */
export function timestampTimer(device: GPUDevice): OpTimer {
  const querySet = device.createQuerySet({ label: 'tune/timestamps', type: 'timestamp', count: 2 });
  const resolve = device.createBuffer({
    label: 'tune/timestamps-resolve',
    size: 16,
    usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC,
  });
  const read = device.createBuffer({
    label: 'tune/timestamps-read',
    size: 16,
    usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
  });
  return {
    method: 'timestamp',
    async time(op, reps) {
      const encoder = device.createCommandEncoder({ label: `tune/${op.label}` });
      const pass = encoder.beginComputePass({
        label: `tune/${op.label}`,
        timestampWrites: { querySet, beginningOfPassWriteIndex: 0, endOfPassWriteIndex: 1 },
      });
      encodeReps(pass, op, reps);
      pass.end();
      encoder.resolveQuerySet(querySet, 0, 2, resolve, 0);
      encoder.copyBufferToBuffer(resolve, 0, read, 0, 16);
      device.queue.submit([encoder.finish()]);
      await read.mapAsync(GPUMapMode.READ);
      const [start, end] = new BigInt64Array(read.getMappedRange().slice(0));
      read.unmap();
      return Number(end - start) / 1e6 / reps;
    },
    dispose() {
      querySet.destroy();
      resolve.destroy();
      read.destroy();
    },
  };
}

/** Timestamps where the device has them, else wall time. */
export function deviceTimer(device: GPUDevice): OpTimer {
  return device.features.has('timestamp-query') ? timestampTimer(device) : wallTimer(device);
}
