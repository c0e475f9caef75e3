// Process CPU time of every conv kernel variant at LeNet-5 shapes (batch from argv, default 64):
//   node --import ./scripts/engine-node.mjs bench/conv-variants.ts [batch]
// CPU time (SwiftShader's threads run in this process) is steadier than wall time on a shared machine.
import { acquireGpu } from '../src/gpu/device';
import { BufferArena } from '../src/gpu/buffers';
import { hasQuadLanes } from '../src/gpu/subgroups';
import { conv2dGeometry, convFlops } from '../src/engine/ops/conv-geometry';
import { planCorrelate, planCorrelateTransposed, type ConvKernel } from '../src/engine/ops/conv-passes';
import { planWeightGrad, type WeightGradKernel } from '../src/engine/ops/conv-grad-passes';
import { LENET5_CONVS } from '../src/engine/ops/conv2d.bench';
import type { EngineContext, PlannedOp } from '../src/engine/op';
import { tensor } from '../src/engine/tensor';

async function cpuMs(device: GPUDevice, op: PlannedOp, reps: number): Promise<number> {
  const once = async (n: number) => {
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    for (let r = 0; r < n; r++) op.encode(pass);
    pass.end();
    const c0 = process.cpuUsage();
    device.queue.submit([encoder.finish()]);
    await device.queue.onSubmittedWorkDone();
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000 / n;
  };
  await once(1);
  return Math.min(await once(reps), await once(reps), await once(reps));
}

const batch = Number(process.argv[2] ?? 64);
const { device } = await acquireGpu();
for (const layer of LENET5_CONVS) {
  const xs = [batch, ...layer.x.slice(1)];
  const g = conv2dGeometry(xs, layer.w, layer.params);
  const ctx: EngineContext = { device, arena: new BufferArena(device, 'variants') };
  const t = (name: string, shape: readonly number[]) =>
    tensor(
      ctx.arena.upload(
        name,
        Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => (i % 13) / 13 - 0.5),
      ),
      shape,
    );
  const yShape = [g.n, g.cout, g.oh, g.ow];
  const [x, weight, dy, y, dx, dweight] = [
    t('x', xs),
    t('w', layer.w),
    t('dy', yShape),
    t('y', yShape),
    t('dx', xs),
    t('dw', layer.w),
  ];
  const conv: ConvKernel[] = ['direct', 'direct3', 4, 1];
  const forward: ConvKernel[] = hasQuadLanes(device) ? ['quad', ...conv] : conv;
  const ops: [string, PlannedOp][] = [
    ...forward.map((v): [string, PlannedOp] => [
      `forward ${v}`,
      planCorrelate(ctx, `f${v}`, g, { x, weight, bias: null, y, relu: false }, v),
    ]),
    ...conv.map((v): [string, PlannedOp] => [
      `backward_input ${v}`,
      planCorrelateTransposed(ctx, `bi${v}`, g, { x: dy, weight, bias: null, y: dx }, v),
    ]),
    ...(
      (hasQuadLanes(device)
        ? ['quad', 'direct', 'direct5', 'tile']
        : ['direct', 'direct5', 'tile']) as WeightGradKernel[]
    ).map((v): [string, PlannedOp] => [
      `backward_weight ${v}`,
      planWeightGrad(ctx, `bw${v}`, g, { x, dy, dweight }, v),
    ]),
  ];
  const flops = convFlops(g);
  const only = process.env.VARIANTS;
  for (const [name, op] of ops.filter(([n]) => !only || only.split(',').includes(n))) {
    const ms = await cpuMs(device, op, 3);
    process.stdout.write(
      `${layer.name.padEnd(24)} ${name.padEnd(22)} ${ms.toFixed(1).padStart(7)} CPU ms  ${(flops / ms / 1e6).toFixed(2)} GFLOP/CPU-s\n`,
    );
  }
  ctx.arena.destroy();
}
device.destroy();
