// Fused passes against the unfused ones for LeNet-5's convs at batch 64 on this adapter, by interleaved
// rounds (order alternating, medians): the weight-gradient kernel that also sums the bias gradient against
// the same kernel followed by a channel-sum pass of its own, with the direct kernels (the ones that fold it;
// the rule's choice without subgroup quads) and the weight gradient alone for scale. Each run is timed by the process's CPU time
// (SwiftShader's threads run in this process; far steadier than wall time on a shared machine) and by the
// device's timer (timestamps where it has them).
//   node --import ./scripts/engine-node.mjs bench/node/fusion.ts [--rounds N] [--reps N]
import { acquireGpu } from '../../src/gpu/device';
import { BufferArena } from '../../src/gpu/buffers';
import type { EngineContext, PlannedOp } from '../../src/engine/op';
import { conv2dGeometry } from '../../src/engine/ops/conv-geometry';
import {
  chooseWeightGradKernel,
  planChannelSum,
  planWeightGrad,
} from '../../src/engine/ops/conv-grad-passes';
import { scratchTensor } from '../../src/engine/tuning/site';
import { median } from '../../src/engine/tuning/tuner';
import { deviceTimer } from '../../src/engine/tuning/timer';
import { cpuTimer, LENET_CONVS } from './ab';

const LENET = LENET_CONVS;

export interface FusionRow {
  pass: string;
  kernel: string;
  /** Medians, ms per run, [separate, folded, the weight gradient alone]: process CPU time, device timer's. */
  cpuMs: [number, number, number];
  deviceMs: [number, number, number];
  /** separate / folded, by CPU time and by the device timer. */
  cpuSpeedup: number;
  deviceSpeedup: number;
}

/** A/B of the bias gradient folded into the weight-gradient kernel, per LeNet conv. */
export async function biasFoldAB(device: GPUDevice, rounds: number, reps = 8) {
  const timer = deviceTimer(device);
  const rows: FusionRow[] = [];
  try {
    for (const c of LENET) {
      const ctx: EngineContext = { device, arena: new BufferArena(device, 'bench/fusion') };
      try {
        const g = conv2dGeometry(c.x, c.w, c.params);
        const variant = chooseWeightGradKernel(g, false);
        const t = (name: string) => ({
          x: scratchTensor(ctx, `${name}/x`, c.x, 1).tensor,
          dy: scratchTensor(ctx, `${name}/dy`, [g.n, g.cout, g.oh, g.ow], 2).tensor,
          dweight: scratchTensor(ctx, `${name}/dw`, c.w).tensor,
          dbias: scratchTensor(ctx, `${name}/db`, [g.cout]).tensor,
        });
        const a = t('separate');
        const b = t('folded');
        const weights = planWeightGrad(ctx, 'separate/dw', g, { ...a, dbias: null }, variant);
        const bias = planChannelSum(ctx, 'separate/db', a);
        const separate: PlannedOp = {
          label: 'separate',
          encode(pass) {
            weights.encode(pass);
            bias.encode(pass);
          },
        };
        const folded = planWeightGrad(ctx, 'folded', g, b, variant);
        const ops = [separate, folded, weights];
        const timers = [cpuTimer(device), timer];
        for (const op of ops) await timer.time(op, 2);
        // times[timer][op]
        const times: number[][][] = timers.map(() => ops.map(() => []));
        for (let r = 0; r < rounds; r++) {
          for (const i of r % 2 ? [2, 1, 0] : [0, 1, 2]) {
            for (let k = 0; k < timers.length; k++) times[k][i].push(await timers[k].time(ops[i], reps));
          }
        }
        const [cpuMs, deviceMs] = times.map((perOp) => perOp.map(median) as [number, number, number]);
        rows.push({
          pass: c.name,
          kernel: variant,
          cpuMs,
          deviceMs,
          cpuSpeedup: cpuMs[0] / cpuMs[1],
          deviceSpeedup: deviceMs[0] / deviceMs[1],
        });
      } finally {
        ctx.arena.destroy();
      }
    }
  } finally {
    timer.dispose();
  }
  return { timing: timer.method, rows };
}

if (process.argv[1]?.endsWith('fusion.ts')) {
  const { device } = await acquireGpu();
  try {
    const at = process.argv.indexOf('--rounds');
    const rounds = at > 0 ? Number(process.argv[at + 1]) : 15;
    const repsAt = process.argv.indexOf('--reps');
    const result = await biasFoldAB(device, rounds, repsAt > 0 ? Number(process.argv[repsAt + 1]) : 8);
    process.stdout.write(`${JSON.stringify({ status: 'ok', ...result })}\n`);
  } finally {
    device.destroy();
  }
}
