import { describe, expect, it } from 'vitest';
import { BufferArena, readBuffer, uploadBuffer } from '../../gpu/buffers';
import { expectClose } from '../../gpu/testing/close';
import { gpuCheck } from '../../gpu/testing/test-device';
import { gatherBatch } from '../reference/gather-batch';
import { tensor } from '../tensor';
import { packBytes, planGatherBatch } from './gather-batch';

// A small deterministic generator, so a failure reproduces.
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
}

async function runCase(count: number, pixels: number, batch: number, start: number) {
  const rand = lcg(count * 31 + pixels * 7 + batch);
  const images = Uint8Array.from({ length: count * pixels }, () => rand() & 0xff);
  const labels = Uint8Array.from({ length: count }, () => rand() % 10);
  const indices = Uint32Array.from({ length: start + batch + 3 }, () => rand() % count);
  const norm = { mean: 0.1307, std: 0.3081 };
  const want = { x: new Float32Array(batch * pixels), y: new Uint32Array(batch) };
  gatherBatch({ images, labels, pixels }, indices, start, batch, norm, want.x, want.y);

  const got = await gpuCheck(async (device) => {
    const arena = new BufferArena(device, 'gather-test');
    const x = arena.storage('x', batch * pixels * 4);
    const y = arena.storage('y', batch * 4);
    const op = planGatherBatch(
      { device, arena },
      {
        indices: uploadBuffer(device, 'indices', indices),
        images: uploadBuffer(device, 'images', packBytes(images)),
        labels: uploadBuffer(device, 'labels', packBytes(labels)),
        x: tensor(x, [batch, pixels]),
        y: tensor(y, [batch]),
      },
      norm,
    );
    op.setStart(start);
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    op.encode(pass);
    pass.end();
    device.queue.submit([encoder.finish()]);
    const out = {
      x: new Float32Array(await readBuffer(device, x, batch * pixels * 4)),
      y: new Uint32Array(await readBuffer(device, y, batch * 4)),
    };
    arena.destroy();
    return out;
  });
  expectClose(got.x, want.x, { atol: 1e-6, rtol: 1e-6 });
  expect(Array.from(got.y)).toEqual(Array.from(want.y));
}

describe('gather_batch (GPU vs CPU reference)', () => {
  it('gathers MNIST-shaped batches by a permutation with an offset', () => runCase(307, 784, 64, 101));
  it('handles batch 1 and an image size that is not a multiple of 4', () => runCase(307, 7, 1, 5));
  it('handles odd sizes where images straddle packed words', () => runCase(13, 3 * 5 * 5, 37, 0));
});
