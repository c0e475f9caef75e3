// The quad conv forward with its x window shared across the quad's lanes (SHARE_X,
// shaders/common/conv_quad_window.wgsl) against the same kernel loading each lane's window itself, for
// LeNet-5's convs at batch 64 on this adapter; interleaved rounds (bench/node/ab.ts). Both outputs are read
// back and compared first.
//   node --import ./scripts/engine-node.mjs bench/node/quad-window.ts [--rounds N] [--reps N]
import { acquireGpu } from '../../src/gpu/device';
import { BufferArena, readFloat32 } from '../../src/gpu/buffers';
import { bindKernel, getKernel } from '../../src/gpu/kernel';
import { conv2dForwardSubgroupSpec } from '../../src/gpu/kernels/conv2d_forward_subgroup';
import { hasQuadLanes } from '../../src/gpu/subgroups';
import { encodeAll, type EngineContext, type PlannedOp } from '../../src/engine/op';
import { conv2dGeometry, type Conv2dParams, type ConvGeometry } from '../../src/engine/ops/conv-geometry';
import {
  convUniforms,
  directColumnTile,
  dispatchOp,
  groupBatch,
  uniformBuffer,
} from '../../src/engine/ops/conv-passes';
import { bindingOf, sizeOf, type Tensor } from '../../src/engine/tensor';
import { scratchTensor } from '../../src/engine/tuning/site';
import { interleaved, loadAverage, numberArg } from './ab';

const LENET: { name: string; x: number[]; w: number[]; params: Conv2dParams }[] = [
  { name: 'conv1 1->6 k5 p2 28x28', x: [64, 1, 28, 28], w: [6, 1, 5, 5], params: { padding: 2 } },
  { name: 'conv2 6->16 k5 14x14', x: [64, 6, 14, 14], w: [16, 6, 5, 5], params: {} },
];

/** The quad kernel (bias, ReLU) on g, with or without the shared window; as planCorrelate's 'quad'. */
function planQuad(
  ctx: EngineContext,
  g: ConvGeometry,
  t: { x: Tensor; weight: Tensor; bias: Tensor; y: Tensor },
  shareX: boolean,
): PlannedOp {
  const xTile = directColumnTile(g.ow);
  const blocksPerRow = Math.ceil(g.ow / xTile);
  if (shareX && (blocksPerRow % (xTile === 8 ? 4 : 2) !== 0 || g.kw > 5)) {
    throw new Error(`the shared window needs whole quads of blocks in a row and kw <= 5`);
  }
  const label = shareX ? 'quad-shared-x' : 'quad';
  const kernel = getKernel(
    ctx.device,
    conv2dForwardSubgroupSpec({ hasBias: true, relu: true, xTile, shareX }),
  );
  const resources = {
    params: uniformBuffer(ctx, kernel, label, convUniforms(g)),
    x: bindingOf(t.x),
    weight: bindingOf(t.weight),
    bias: bindingOf(t.bias),
    y: bindingOf(t.y),
  };
  const blocks = Math.ceil((g.oh * blocksPerRow) / 4) * 4;
  const v = groupBatch(g);
  const threads = v.n * Math.ceil(v.cout / 8) * blocks;
  return dispatchOp(label, kernel, bindKernel(ctx.device, kernel, resources, label), threads);
}

export async function quadWindowAB(device: GPUDevice, rounds: number, reps = 8) {
  const rows = [];
  for (const c of LENET) {
    const ctx: EngineContext = { device, arena: new BufferArena(device, 'bench/quad-window') };
    try {
      const g = conv2dGeometry(c.x, c.w, c.params);
      const yShape = [g.n, g.cout, g.oh, g.ow];
      const inputs = {
        x: scratchTensor(ctx, 'x', c.x, 1).tensor,
        weight: scratchTensor(ctx, 'w', c.w, 2).tensor,
        bias: scratchTensor(ctx, 'b', [g.cout], 3).tensor,
      };
      const ya = scratchTensor(ctx, 'own/y', yShape).tensor;
      const yb = scratchTensor(ctx, 'shared/y', yShape).tensor;
      const ops = [
        planQuad(ctx, g, { ...inputs, y: ya }, false),
        planQuad(ctx, g, { ...inputs, y: yb }, true),
      ];
      const encoder = device.createCommandEncoder({ label: 'bench/quad-window/check' });
      const pass = encoder.beginComputePass();
      encodeAll(pass, ops);
      pass.end();
      device.queue.submit([encoder.finish()]);
      const [a, b] = [
        await readFloat32(device, ya.buffer, sizeOf(yShape)),
        await readFloat32(device, yb.buffer, sizeOf(yShape)),
      ];
      const maxDiff = a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
      const m = await interleaved(device, ops, rounds, reps);
      rows.push({
        pass: c.name,
        cpuMs: m.cpuMs,
        deviceMs: m.deviceMs,
        cpuSpeedup: m.cpuMs[0] / m.cpuMs[1],
        deviceSpeedup: m.deviceMs[0] / m.deviceMs[1],
        maxDiff,
      });
    } finally {
      ctx.arena.destroy();
    }
  }
  return rows;
}

if (process.argv[1]?.endsWith('quad-window.ts')) {
  const { device } = await acquireGpu();
  try {
    if (!hasQuadLanes(device)) throw new Error('this adapter has no subgroup quad lanes: nothing to compare');
    const rounds = numberArg('rounds', 15);
    const loadBefore = loadAverage();
    const rows = await quadWindowAB(device, rounds, numberArg('reps', 8));
    process.stdout.write(
      `${JSON.stringify({ status: 'ok', rounds, load: [loadBefore, loadAverage()], rows })}\n`,
    );
  } finally {
    device.destroy();
  }
}
