// conv2d + bias + ReLU + max-pool fused into one pass against the two passes it replaces (the rule's conv
// forward with ReLU in its epilogue, then max_pool2d_forward_windows), for LeNet-5's convs at batch 64 on this
// adapter, with the conv alone for scale; interleaved rounds (bench/node/ab.ts). Both plans' pooled outputs and
// argmaxes are read back and compared first, so a ratio is never reported for a kernel that disagrees.
//   node --import ./scripts/engine-node.mjs bench/node/conv-pool.ts [--rounds N] [--reps N]
import { acquireGpu } from '../../src/gpu/device';
import { BufferArena, readBuffer } from '../../src/gpu/buffers';
import { hasQuadLanes } from '../../src/gpu/subgroups';
import { encodeAll, type EngineContext, type PlannedOp } from '../../src/engine/op';
import { planConv2dForward } from '../../src/engine/ops/conv2d';
import { conv2dGeometry } from '../../src/engine/ops/conv-geometry';
import { planConv2dPoolForward } from '../../src/engine/ops/conv-pool';
import { planMaxPool2dForward } from '../../src/engine/ops/pool';
import { sequence } from '../../src/engine/ops/dispatch';
import { sizeOf, type Tensor } from '../../src/engine/tensor';
import { scratchTensor } from '../../src/engine/tuning/site';
import { abFigures, interleaved, LENET_CONVS, loadAverage, numberArg } from './ab';

const LENET = LENET_CONVS.map((c) => ({ ...c, name: `${c.name} + pool` }));

export interface ConvPoolRow {
  pass: string;
  /** Medians, ms per run, [conv then pool, fused, the conv alone]: process CPU time, device timer's. */
  cpuMs: number[];
  deviceMs: number[];
  /** separate / fused, by CPU time and by the device timer. */
  cpuSpeedup: number;
  deviceSpeedup: number;
  /** Largest |difference| between the two plans' pooled outputs, and argmaxes that differ. */
  maxDiff: number;
  argmaxDiffs: number;
}

async function read(device: GPUDevice, t: Tensor): Promise<ArrayBuffer> {
  return readBuffer(device, t.buffer, sizeOf(t.shape) * 4, t.offset);
}

/** A/B of the fused conv + ReLU + pool against conv then pool, per LeNet conv. */
export async function convPoolAB(device: GPUDevice, rounds: number, reps = 8) {
  const rows: ConvPoolRow[] = [];
  for (const c of LENET) {
    const ctx: EngineContext = { device, arena: new BufferArena(device, 'bench/conv-pool') };
    try {
      const g = conv2dGeometry(c.x, c.w, c.params);
      const pooled = [g.n, g.cout, g.oh / 2, g.ow / 2];
      const x = scratchTensor(ctx, 'x', c.x, 1).tensor;
      const weight = scratchTensor(ctx, 'w', c.w, 2).tensor;
      const bias = scratchTensor(ctx, 'b', [g.cout], 3).tensor;
      const out = (name: string) => ({
        y: scratchTensor(ctx, `${name}/y`, pooled).tensor,
        indices: scratchTensor(ctx, `${name}/indices`, pooled).tensor,
      });
      const a = out('separate');
      const b = out('fused');
      const full = scratchTensor(ctx, 'conv-y', [g.n, g.cout, g.oh, g.ow]).tensor;
      const conv = planConv2dForward(ctx, { x, weight, bias, y: full, params: c.params, relu: true });
      const pool = planMaxPool2dForward(ctx, { x: full, ...a, params: { kernelSize: 2, stride: 2 } });
      const separate = sequence('separate', [conv, pool]);
      const fused = planConv2dPoolForward(ctx, { x, weight, bias, ...b, params: c.params, relu: true });
      const ops: PlannedOp[] = [separate, fused, conv];

      const encoder = device.createCommandEncoder({ label: 'bench/conv-pool/check' });
      const pass = encoder.beginComputePass();
      encodeAll(pass, [separate, fused]);
      pass.end();
      device.queue.submit([encoder.finish()]);
      const [ya, yb] = [await read(device, a.y), await read(device, b.y)].map((v) => new Float32Array(v));
      const [ia, ib] = [await read(device, a.indices), await read(device, b.indices)].map(
        (v) => new Uint32Array(v),
      );
      const maxDiff = ya.reduce((m, v, i) => Math.max(m, Math.abs(v - yb[i])), 0);
      const argmaxDiffs = ia.reduce((n, v, i) => n + Number(v !== ib[i]), 0);

      const m = await interleaved(device, ops, rounds, reps);
      rows.push({
        pass: c.name,
        ...abFigures(m),
        maxDiff,
        argmaxDiffs,
      });
    } finally {
      ctx.arena.destroy();
    }
  }
  return rows;
}

if (process.argv[1]?.endsWith('conv-pool.ts')) {
  const { device } = await acquireGpu();
  try {
    if (!hasQuadLanes(device)) throw new Error('this adapter has no subgroup quad lanes: nothing to compare');
    const rounds = numberArg('rounds', 15);
    const loadBefore = loadAverage();
    const rows = await convPoolAB(device, rounds, numberArg('reps', 8));
    const load = [loadBefore, loadAverage()];
    process.stdout.write(`${JSON.stringify({ status: 'ok', rounds, load, rows })}\n`);
  } finally {
    device.destroy();
  }
}
