// Per-kernel time of our training step, for the bench page only: the step's compute pass is recorded by
// wrapping GPUComputePassEncoder's setPipeline/setBindGroup/dispatchWorkgroups while one step is encoded,
// then each recorded dispatch is replayed on its own (`reps` times in one pass, timed to
// onSubmittedWorkDone, median of `rounds`). Replays write the model's own buffers, so run them on a
// model that is only being measured.

export interface RecordedDispatch {
  /** The pipeline's label: our kernel name (one WGSL file). */
  kernel: string;
  /** The bind group's label: which op of which layer. */
  op: string;
  workgroups: [number, number, number];
  pipeline: GPUComputePipeline;
  bindGroups: GPUBindGroup[];
}

export function recordDispatches(encodeStep: () => void): RecordedDispatch[] {
  const proto = GPUComputePassEncoder.prototype;
  const { setPipeline, setBindGroup, dispatchWorkgroups } = proto;
  const recorded: RecordedDispatch[] = [];
  let pipeline: GPUComputePipeline | null = null;
  const groups: GPUBindGroup[] = [];
  proto.setPipeline = function (this: GPUComputePassEncoder, p: GPUComputePipeline) {
    pipeline = p;
    return setPipeline.call(this, p);
  };
  proto.setBindGroup = function (this: GPUComputePassEncoder, index: number, group: GPUBindGroup | null) {
    if (group) groups[index] = group;
    return (setBindGroup as (i: number, g: GPUBindGroup | null) => undefined).call(this, index, group);
  } as typeof setBindGroup;
  proto.dispatchWorkgroups = function (this: GPUComputePassEncoder, x: number, y = 1, z = 1) {
    if (pipeline) {
      recorded.push({
        kernel: pipeline.label,
        op: groups[0]?.label ?? '',
        workgroups: [x, y, z],
        pipeline,
        bindGroups: [...groups],
      });
    }
    return dispatchWorkgroups.call(this, x, y, z);
  };
  try {
    encodeStep();
  } finally {
    Object.assign(proto, { setPipeline, setBindGroup, dispatchWorkgroups });
  }
  return recorded;
}

async function timeReps(device: GPUDevice, d: RecordedDispatch, reps: number): Promise<number> {
  const encoder = device.createCommandEncoder({ label: `bench/replay ${d.kernel}` });
  const pass = encoder.beginComputePass({ label: `bench/replay ${d.kernel}` });
  pass.setPipeline(d.pipeline);
  d.bindGroups.forEach((g, i) => pass.setBindGroup(i, g));
  for (let r = 0; r < reps; r++) pass.dispatchWorkgroups(...d.workgroups);
  pass.end();
  const t0 = performance.now();
  device.queue.submit([encoder.finish()]);
  await device.queue.onSubmittedWorkDone();
  return (performance.now() - t0) / reps;
}

/** Median milliseconds of one isolated run of each dispatch. */
export async function timeDispatches(
  device: GPUDevice,
  dispatches: readonly RecordedDispatch[],
  { rounds = 3, reps = 5 } = {},
): Promise<number[]> {
  const out: number[] = [];
  for (const d of dispatches) {
    await timeReps(device, d, 1);
    const times: number[] = [];
    for (let r = 0; r < rounds; r++) times.push(await timeReps(device, d, reps));
    times.sort((a, b) => a - b);
    out.push(times[Math.floor(times.length / 2)]);
  }
  return out;
}

/**
 * GPU time of each dispatch replayed in step order, one compute pass each with timestamp writes at its
 * start and end (needs the 'timestamp-query' feature). Milliseconds per dispatch, median of `rounds`.
 */
export async function timestampDispatches(
  device: GPUDevice,
  dispatches: readonly RecordedDispatch[],
  rounds = 3,
): Promise<number[]> {
  const count = dispatches.length * 2;
  const querySet = device.createQuerySet({ label: 'bench/timestamps', type: 'timestamp', count });
  const resolved = device.createBuffer({
    label: 'bench/timestamps',
    size: count * 8,
    usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC,
  });
  const read = device.createBuffer({
    label: 'bench/timestamps-read',
    size: count * 8,
    usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
  });
  try {
    const perRound: number[][] = [];
    for (let r = 0; r < rounds + 1; r++) {
      const encoder = device.createCommandEncoder({ label: 'bench/timestamped-step' });
      dispatches.forEach((d, i) => {
        const pass = encoder.beginComputePass({
          label: `bench/${d.kernel}`,
          timestampWrites: { querySet, beginningOfPassWriteIndex: 2 * i, endOfPassWriteIndex: 2 * i + 1 },
        });
        pass.setPipeline(d.pipeline);
        d.bindGroups.forEach((g, j) => pass.setBindGroup(j, g));
        pass.dispatchWorkgroups(...d.workgroups);
        pass.end();
      });
      encoder.resolveQuerySet(querySet, 0, count, resolved, 0);
      encoder.copyBufferToBuffer(resolved, 0, read, 0, count * 8);
      device.queue.submit([encoder.finish()]);
      await read.mapAsync(GPUMapMode.READ);
      const ns = new BigInt64Array(read.getMappedRange().slice(0));
      read.unmap();
      // The first round compiles and warms; it is not kept.
      if (r > 0) perRound.push(dispatches.map((_, i) => Number(ns[2 * i + 1] - ns[2 * i]) / 1e6));
    }
    return dispatches.map((_, i) => {
      const times = perRound.map((t) => t[i]).sort((a, b) => a - b);
      return times[Math.floor(times.length / 2)];
    });
  } finally {
    querySet.destroy();
    resolved.destroy();
    read.destroy();
  }
}
