// Drives the engine headless from Node, without the UI: conv2d forward and backward on WebGPU, checked
// against the CPU reference.   node --import ./scripts/engine-node.mjs examples/conv2d-node.ts
import { acquireGpu } from '../src/gpu/device';
import { BufferArena, readFloat32 } from '../src/gpu/buffers';
import { withErrorScopes } from '../src/gpu/errors';
import { tensor } from '../src/engine/tensor';
import {
  planConv2dBackwardInput,
  planConv2dBackwardWeight,
  planConv2dForward,
  type Conv2dParams,
} from '../src/engine/ops/conv2d';
import { conv2dForward } from '../src/engine/reference/conv2d';

const { device, info } = await acquireGpu();
const arena = new BufferArena(device, 'example');
const ctx = { device, arena };

// x [2, 1, 8, 8] through a 3x3 conv to 4 channels, stride 1, padding 1: y [2, 4, 8, 8].
const params: Conv2dParams = { stride: 1, padding: 1 };
const xData = Float32Array.from({ length: 2 * 8 * 8 }, (_, i) => Math.sin(i));
const wData = Float32Array.from({ length: 4 * 9 }, (_, i) => Math.cos(i) / 3);
const x = tensor(arena.upload('x', xData), [2, 1, 8, 8]);
const w = tensor(arena.upload('w', wData), [4, 1, 3, 3]);
const y = tensor(arena.storage('y', 2 * 4 * 64 * 4), [2, 4, 8, 8]);
const dy = tensor(arena.upload('dy', new Float32Array(2 * 4 * 64).fill(1)), [2, 4, 8, 8]);
const dx = tensor(arena.storage('dx', 2 * 64 * 4), [2, 1, 8, 8]);
const dw = tensor(arena.storage('dw', 4 * 9 * 4), [4, 1, 3, 3]);

// Plan once, then encode forward and both gradients into one command encoder.
const ops = [
  planConv2dForward(ctx, { x, weight: w, y, params }),
  planConv2dBackwardInput(ctx, { dy, weight: w, dx, params }),
  planConv2dBackwardWeight(ctx, { x, dy, dweight: dw, params }),
];
const [yGpu, dwGpu] = await withErrorScopes(device, async () => {
  const encoder = device.createCommandEncoder({ label: 'example' });
  const pass = encoder.beginComputePass({ label: 'example' });
  for (const op of ops) op.encode(pass);
  pass.end();
  device.queue.submit([encoder.finish()]);
  return [await readFloat32(device, y.buffer, 2 * 4 * 64), await readFloat32(device, dw.buffer, 36)];
});

const yCpu = new Float32Array(yGpu.length);
conv2dForward({
  x: { data: xData, shape: x.shape },
  weight: { data: wData, shape: w.shape },
  y: { data: yCpu, shape: y.shape },
  params,
});
const maxDiff = yGpu.reduce((m, v, i) => Math.max(m, Math.abs(v - yCpu[i])), 0);

console.log(`adapter: ${info.vendor} ${info.architecture}`);
console.log(`y[0..4] = ${Array.from(yGpu.slice(0, 4), (v) => v.toFixed(4)).join(' ')}`);
console.log(`dW[0..4] = ${Array.from(dwGpu.slice(0, 4), (v) => v.toFixed(4)).join(' ')}`);
console.log(`max |GPU - CPU reference| = ${maxDiff.toExponential(2)}`);
arena.destroy();
device.destroy();
