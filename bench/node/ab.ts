// The interleaved A/B of bench/node's fusion harnesses: ops timed in rounds whose order alternates, each run
// by the process's CPU time (SwiftShader's threads run in this process; far steadier than wall time on a
// shared machine) and by the device's timer (timestamps where it has them); medians per op.
import os from 'node:os';
import type { PlannedOp } from '../../src/engine/op';
import type { Conv2dParams } from '../../src/engine/ops/conv-geometry';
import { median } from '../../src/engine/tuning/tuner';
import { deviceTimer, type OpTimer } from '../../src/engine/tuning/timer';

/** Process CPU milliseconds per repetition of `op`, encoded `reps` times into one pass. */
export function cpuTimer(device: GPUDevice): OpTimer {
  return {
    method: 'wall',
    async time(op, reps) {
      const encoder = device.createCommandEncoder({ label: `ab/${op.label}` });
      const pass = encoder.beginComputePass({ label: `ab/${op.label}` });
      for (let r = 0; r < reps; r++) op.encode(pass);
      pass.end();
      const c0 = process.cpuUsage();
      device.queue.submit([encoder.finish()]);
      await device.queue.onSubmittedWorkDone();
      const c = process.cpuUsage(c0);
      return (c.user + c.system) / 1000 / reps;
    },
    dispose() {},
  };
}

export interface AbMedians {
  /** Median ms per run of each op: by process CPU time, and by the device timer. */
  cpuMs: number[];
  deviceMs: number[];
  timing: OpTimer['method'];
}

/** Times `ops` in `rounds` interleaved rounds (forward order, then reversed) of `reps` runs each. */
export async function interleaved(
  device: GPUDevice,
  ops: readonly PlannedOp[],
  rounds: number,
  reps: number,
): Promise<AbMedians> {
  const timer = deviceTimer(device);
  try {
    const timers = [cpuTimer(device), timer];
    for (const op of ops) await timer.time(op, 2);
    // times[timer][op]
    const times: number[][][] = timers.map(() => ops.map(() => []));
    const order = ops.map((_, i) => i);
    for (let r = 0; r < rounds; r++) {
      for (const i of r % 2 ? [...order].reverse() : order) {
        for (let k = 0; k < timers.length; k++) times[k][i].push(await timers[k].time(ops[i], reps));
      }
    }
    const [cpuMs, deviceMs] = times.map((perOp) => perOp.map(median));
    return { cpuMs, deviceMs, timing: timer.method };
  } finally {
    timer.dispose();
  }
}

/** A convolution the harnesses time: its input and weight shapes and parameters. */
export interface BenchConv {
  name: string;
  x: number[];
  w: number[];
  params: Conv2dParams;
}

/** LeNet-5's two convolutions at batch 64. */
export const LENET_CONVS: readonly BenchConv[] = [
  { name: 'conv1 1->6 k5 p2 28x28', x: [64, 1, 28, 28], w: [6, 1, 5, 5], params: { padding: 2 } },
  { name: 'conv2 6->16 k5 14x14', x: [64, 6, 14, 14], w: [16, 6, 5, 5], params: {} },
];

/** An A/B's medians with the speed-ups of B (the second op) over A (the first). */
export function abFigures(m: AbMedians) {
  return {
    cpuMs: m.cpuMs,
    deviceMs: m.deviceMs,
    cpuSpeedup: m.cpuMs[0] / m.cpuMs[1],
    deviceSpeedup: m.deviceMs[0] / m.deviceMs[1],
  };
}

/** The 1-minute load average, rounded, to report beside a ratio measured on a shared machine. */
export const loadAverage = () => Math.round(os.loadavg()[0] * 10) / 10;

/** `--name N` from the command line, else `fallback`. */
export function numberArg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}
