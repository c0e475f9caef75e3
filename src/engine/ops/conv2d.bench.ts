// conv2d throughput at LeNet-5 shapes (batch 64): GFLOP/s of forward, backward-input and backward-weight,
// each 2·n·cout·oh·ow·cin·kh·kw flops. Timed by submitting `reps` dispatches in one pass and awaiting
// queue.onSubmittedWorkDone; the median of `rounds`. Measured and reported, never asserted.
import { BufferArena } from '../../gpu/buffers';
import type { EngineContext, PlannedOp } from '../op';
import { tensor } from '../tensor';
import { conv2dGeometry, convFlops, type Conv2dParams } from './conv-geometry';
import { planConv2dBackwardInput, planConv2dBackwardWeight, planConv2dForward } from './conv2d';
import { planCorrelate, type ForwardKernel } from './conv-passes';

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

export type ConvBenchPass =
  'forward' | 'forward direct' | 'forward tile 1' | 'forward tile 4' | 'backward_input' | 'backward_weight';

export interface ConvBenchRow {
  layer: string;
  pass: ConvBenchPass;
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

function planPasses(ctx: EngineContext, layer: ConvBenchLayer): [ConvBenchPass, PlannedOp][] {
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
  const params = layer.params;
  const variant = (v: ForwardKernel) =>
    planCorrelate(ctx, `forward ${v}`, g, { x, weight, bias: null, y, relu: false }, v);
  return [
    ['forward', planConv2dForward(ctx, { x, weight, y, params })],
    ['forward direct', variant('direct')],
    ['forward tile 1', variant(1)],
    ['forward tile 4', variant(4)],
    ['backward_input', planConv2dBackwardInput(ctx, { dy, weight, dx, params })],
    ['backward_weight', planConv2dBackwardWeight(ctx, { x, dy, dweight, params })],
  ];
}

/** GFLOP/s of every conv pass of `layers` on `device`. */
export async function benchConv2d(
  device: GPUDevice,
  { layers = LENET5_CONVS, rounds = 3, reps = 4 } = {},
): Promise<ConvBenchRow[]> {
  const rows: ConvBenchRow[] = [];
  for (const layer of layers) {
    const ctx: EngineContext = { device, arena: new BufferArena(device, `bench/${layer.name}`) };
    try {
      const flops = convFlops(conv2dGeometry(layer.x, layer.w, layer.params));
      for (const [pass, op] of planPasses(ctx, layer)) {
        await timeOp(device, op, 1); // warm-up: pipeline compilation, first touch of the buffers
        const times: number[] = [];
        for (let r = 0; r < rounds; r++) times.push(await timeOp(device, op, reps));
        times.sort((a, b) => a - b);
        const ms = times[Math.floor(times.length / 2)];
        rows.push({ layer: layer.name, pass, ms, gflops: flops / (ms * 1e6) });
      }
    } finally {
      ctx.arena.destroy();
    }
  }
  return rows;
}
