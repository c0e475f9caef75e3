// conv2d throughput at LeNet-5 shapes (batch 64): GFLOP/s of forward, backward-input and backward-weight,
// each 2·n·cout·oh·ow·cin·kh·kw flops, for the kernel the planner chooses and for every other variant.
// Timed by submitting `reps` passes in one command buffer and awaiting queue.onSubmittedWorkDone; the
// median of `rounds`. Measured and reported, never asserted.
import { BufferArena } from '../../gpu/buffers';
import { hasQuadLanes } from '../../gpu/subgroups';
import type { EngineContext, PlannedOp } from '../op';
import { tensor } from '../tensor';
import { conv2dGeometry, convFlops, type Conv2dParams } from './conv-geometry';
import {
  correlateKernel,
  correlateTransposedKernel,
  isDepthwise,
  planCorrelate,
  planCorrelateTransposed,
  type ConvKernel,
} from './conv-passes';
import { chooseWeightGradKernel, planWeightGrad, type WeightGradKernel } from './conv-grad-passes';

export interface ConvBenchLayer {
  name: string;
  x: readonly number[];
  w: readonly number[];
  params: Conv2dParams;
}

export const LENET5_CONVS: readonly ConvBenchLayer[] = [
  { name: 'conv1 1->6 k5 p2 28x28', x: [64, 1, 28, 28], w: [6, 1, 5, 5], params: { padding: 2 } },
  { name: 'conv2 6->16 k5 14x14', x: [64, 6, 14, 14], w: [16, 6, 5, 5], params: {} },
];

export type ConvBenchPass = 'forward' | 'backward_input' | 'backward_weight';

export interface ConvBenchRow {
  layer: string;
  pass: ConvBenchPass;
  /** Kernel variant ('direct', 'tile 4', 'tile 1', 'tile'). */
  kernel: string;
  /** Whether the planner picks this variant for the layer. */
  chosen: boolean;
  /** Median milliseconds per pass. */
  ms: number;
  gflops: number;
}

async function timeOp(device: GPUDevice, op: PlannedOp, reps: number): Promise<number> {
  const encoder = device.createCommandEncoder({ label: `bench/${op.label}` });
  const pass = encoder.beginComputePass({ label: `bench/${op.label}` });
  for (let r = 0; r < reps; r++) op.encode(pass);
  pass.end();
  const start = performance.now();
  device.queue.submit([encoder.finish()]);
  await device.queue.onSubmittedWorkDone();
  return (performance.now() - start) / reps;
}

type Planned = Omit<ConvBenchRow, 'ms' | 'gflops' | 'layer'> & { op: PlannedOp };

function planPasses(ctx: EngineContext, layer: ConvBenchLayer): Planned[] {
  const g = conv2dGeometry(layer.x, layer.w, layer.params);
  const yShape = [g.n, g.cout, g.oh, g.ow];
  const filled = (shape: readonly number[]) =>
    Float32Array.from(
      { length: shape.reduce((a, b) => a * b, 1) },
      (_, i) => ((i * 7919) % 1000) / 1000 - 0.5,
    );
  const t = (name: string, shape: readonly number[]) => tensor(ctx.arena.upload(name, filled(shape)), shape);
  const [x, weight, dy, y, dx, dweight] = [
    t('x', layer.x),
    t('w', layer.w),
    t('dy', yShape),
    t('y', yShape),
    t('dx', layer.x),
    t('dw', layer.w),
  ];
  const name = (v: ConvKernel | WeightGradKernel) => (typeof v === 'number' ? `tile ${v}` : v);
  const unit = g.sw === 1 && g.dw === 1;
  const depthwise = isDepthwise(g);
  const dense: ConvKernel[] = unit ? ['direct', 'direct3', 4, 1] : [4, 1];
  // The depthwise kernels for depthwise layers (their transposed pass for stride 1 only).
  const forwardConv: ConvKernel[] = depthwise ? ['depthwise', ...dense] : dense;
  const conv: ConvKernel[] = depthwise && g.sh === 1 && g.sw === 1 ? ['depthwise', ...dense] : dense;
  // The quad kernel (forward only) where the device has quad lanes.
  const forward: ConvKernel[] = unit && hasQuadLanes(ctx.device) ? ['quad', ...forwardConv] : forwardConv;
  const grad: WeightGradKernel[] = depthwise ? ['depthwise'] : [];
  if (unit) grad.push(...(hasQuadLanes(ctx.device) ? (['quad'] as const) : []), 'direct', 'direct5');
  grad.push('tile');
  return [
    ...forward.map((v) => ({
      pass: 'forward' as const,
      kernel: name(v),
      chosen: v === correlateKernel(g, hasQuadLanes(ctx.device)),
      op: planCorrelate(ctx, `forward ${v}`, g, { x, weight, bias: null, y, relu: false }, v),
    })),
    ...conv.map((v) => ({
      pass: 'backward_input' as const,
      kernel: name(v),
      chosen: v === correlateTransposedKernel(g),
      op: planCorrelateTransposed(ctx, `backward_input ${v}`, g, { x: dy, weight, bias: null, y: dx }, v),
    })),
    ...grad.map((v) => ({
      pass: 'backward_weight' as const,
      kernel: name(v),
      chosen: v === chooseWeightGradKernel(g, hasQuadLanes(ctx.device)),
      op: planWeightGrad(ctx, `backward_weight ${v}`, g, { x, dy, dweight }, v),
    })),
  ];
}

/** GFLOP/s of every conv pass and kernel variant of `layers` on `device`. */
export async function benchConv2d(
  device: GPUDevice,
  { layers = LENET5_CONVS, rounds = 3, reps = 4 } = {},
): Promise<ConvBenchRow[]> {
  const rows: ConvBenchRow[] = [];
  for (const layer of layers) {
    const ctx: EngineContext = { device, arena: new BufferArena(device, `bench/${layer.name}`) };
    try {
      const flops = convFlops(conv2dGeometry(layer.x, layer.w, layer.params));
      for (const { op, ...row } of planPasses(ctx, layer)) {
        await timeOp(device, op, 1); // warm-up: pipeline compilation, first touch of the buffers
        const times: number[] = [];
        for (let r = 0; r < rounds; r++) times.push(await timeOp(device, op, reps));
        times.sort((a, b) => a - b);
        const ms = times[Math.floor(times.length / 2)];
        rows.push({ layer: layer.name, ...row, ms, gflops: flops / (ms * 1e6) });
      }
    } finally {
      ctx.arena.destroy();
    }
  }
  return rows;
}
