// The pooled weight/bias gradient of conv -> ReLU -> 2x2/2 max-pool (conv2d_backward_weight_pool) against the
// passes it replaces (max_pool2d_backward_windows with the ReLU mask, writing the un-pooled dy, then the
// rule's weight-gradient kernel with the bias folded in or its own pass), for LeNet-5's convs at batch 64 on
// this adapter, with the weight gradient alone for scale; interleaved rounds (bench/node/ab.ts). Both plans'
// dW and db are read back and compared first, so a ratio is never reported for a kernel that disagrees.
//   node --import ./scripts/engine-node.mjs bench/node/conv-pool-grad.ts [--rounds N] [--reps N]
import { acquireGpu } from '../../src/gpu/device';
import { BufferArena, readFloat32 } from '../../src/gpu/buffers';
import { hasQuadLanes } from '../../src/gpu/subgroups';
import { encodeAll, type EngineContext, type PlannedOp } from '../../src/engine/op';
import { planConv2dForward } from '../../src/engine/ops/conv2d';
import { conv2dGeometry } from '../../src/engine/ops/conv-geometry';
import { chooseWeightGradKernel, planWeightGrad } from '../../src/engine/ops/conv-grad-passes';
import { planConv2dPoolWeightGrad } from '../../src/engine/ops/conv-pool-grad';
import { planMaxPool2dBackward, planMaxPool2dForward } from '../../src/engine/ops/pool';
import { sequence } from '../../src/engine/ops/dispatch';
import { sizeOf, type Tensor } from '../../src/engine/tensor';
import { scratchTensor } from '../../src/engine/tuning/site';
import { abFigures, interleaved, LENET_CONVS, loadAverage, numberArg } from './ab';

const LENET = LENET_CONVS.map((c) => ({ ...c, name: `${c.name} + pool` }));

const POOL = { kernelSize: 2, stride: 2 };

export interface ConvPoolGradRow {
  pass: string;
  /** The rule's weight-gradient kernel in the unfused plan. */
  weightGrad: string;
  /** Medians, ms per run, [pool backward then dW/db, pooled dW/db, dW/db alone]: CPU time, device timer's. */
  cpuMs: number[];
  deviceMs: number[];
  /** unfused / pooled, by CPU time and by the device timer. */
  cpuSpeedup: number;
  deviceSpeedup: number;
  /** Largest |difference| between the two plans' dW and db, relative to the largest |dW|, |db|. */
  maxRelDiff: number;
}

async function read(device: GPUDevice, t: Tensor): Promise<Float32Array> {
  return readFloat32(device, t.buffer, sizeOf(t.shape), t.offset);
}

function relDiff(a: Float32Array, b: Float32Array): number {
  const scale = a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  if (!(scale > 0)) throw new Error('the unfused plan wrote no gradient');
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0) / scale;
}

/** A/B of the pooled weight gradient against pool backward then the rule's weight gradient, per LeNet conv. */
export async function convPoolGradAB(device: GPUDevice, rounds: number, reps = 8) {
  const rows: ConvPoolGradRow[] = [];
  for (const c of LENET) {
    const ctx: EngineContext = { device, arena: new BufferArena(device, 'bench/conv-pool-grad') };
    try {
      const g = conv2dGeometry(c.x, c.w, c.params);
      const convShape = [g.n, g.cout, g.oh, g.ow];
      const pooled = [g.n, g.cout, g.oh / 2, g.ow / 2];
      const x = scratchTensor(ctx, 'x', c.x, 1).tensor;
      const weight = scratchTensor(ctx, 'w', c.w, 2).tensor;
      const bias = scratchTensor(ctx, 'b', [g.cout], 3).tensor;
      const dy = scratchTensor(ctx, 'dy', pooled, 4).tensor;
      const convY = scratchTensor(ctx, 'conv-y', convShape).tensor;
      const y = scratchTensor(ctx, 'y', pooled).tensor;
      const indices = scratchTensor(ctx, 'indices', pooled).tensor;
      const forward = sequence('forward', [
        planConv2dForward(ctx, { x, weight, bias, y: convY, params: c.params, relu: true }),
        planMaxPool2dForward(ctx, { x: convY, y, indices, params: POOL }),
      ]);
      const grads = (name: string) => ({
        dweight: scratchTensor(ctx, `${name}/dw`, c.w).tensor,
        dbias: scratchTensor(ctx, `${name}/db`, [g.cout]).tensor,
      });
      const a = grads('unfused');
      const b = grads('pooled');
      const dconv = scratchTensor(ctx, 'dconv', convShape).tensor;
      const poolBack = planMaxPool2dBackward(ctx, { dy, indices, dx: dconv, params: POOL, reluMask: y });
      const weightGrad = planWeightGrad(ctx, 'dw', g, { x, dy: dconv, ...a });
      const unfused = sequence('unfused', [poolBack, weightGrad]);
      const fused = planConv2dPoolWeightGrad(ctx, { x, dy, y, indices, ...b, params: c.params });
      const ops: PlannedOp[] = [unfused, fused, weightGrad];

      device.pushErrorScope('validation');
      const encoder = device.createCommandEncoder({ label: 'bench/conv-pool-grad/check' });
      const pass = encoder.beginComputePass();
      encodeAll(pass, [forward, unfused, fused]);
      pass.end();
      device.queue.submit([encoder.finish()]);
      const error = await device.popErrorScope();
      if (error) throw new Error(`${c.name}: ${error.message}`);
      const maxRelDiff = Math.max(
        relDiff(await read(device, a.dweight), await read(device, b.dweight)),
        relDiff(await read(device, a.dbias), await read(device, b.dbias)),
      );
      if (!(maxRelDiff < 1e-4)) throw new Error(`${c.name}: the two plans disagree (${maxRelDiff})`);

      const m = await interleaved(device, ops, rounds, reps);
      rows.push({
        pass: c.name,
        weightGrad: chooseWeightGradKernel(g, hasQuadLanes(device)),
        ...abFigures(m),
        maxRelDiff,
      });
    } finally {
      ctx.arena.destroy();
    }
  }
  return rows;
}

if (process.argv[1]?.endsWith('conv-pool-grad.ts')) {
  const { device } = await acquireGpu();
  try {
    const rounds = numberArg('rounds', 15);
    const loadBefore = loadAverage();
    const rows = await convPoolGradAB(device, rounds, numberArg('reps', 8));
    const load = [loadBefore, loadAverage()];
    process.stdout.write(`${JSON.stringify({ status: 'ok', rounds, load, rows })}\n`);
  } finally {
    device.destroy();
  }
}
