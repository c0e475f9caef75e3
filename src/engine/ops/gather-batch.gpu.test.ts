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

async function runCase(count: number, pixels: number, batch: number, start: number, order?: number[]) {
  const rand = lcg(count * 31 + pixels * 7 + batch);
  const images = Uint8Array.from({ length: count * pixels }, () => rand() & 0xff);
  const labels = Uint8Array.from({ length: count }, () => rand() % 10);
  const indices = Uint32Array.from(order ?? { length: start + batch + 3 }, (i) => i ?? rand() % count);
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
  // Word-aligned images (one packed word per group of 4 pixels): batch 1, an odd batch, one group a row.
  it('handles word-aligned images at batch 1 and 5, and 4 pixels an image', async () => {
    await runCase(11, 12, 1, 3);
    await runCase(11, 12, 5, 0);
    await runCase(9, 4, 7, 1);
  });
  it('reads the last image of a dataset that ends inside a packed word', () =>
    runCase(5, 7, 6, 0, [4, 0, 4, 3, 1, 4]));
  it('refuses a batch past the 65535-workgroup grid with a clear message', async () => {
    await gpuCheck((device) => {
      const arena = new BufferArena(device, 'gather-limit');
      const words = uploadBuffer(device, 'w', new Uint32Array(1));
      const shape = [4 * 65535 + 1, 1];
      // The oversized view is never bound: planning refuses it first.
      const t = { buffer: words, shape, offset: 0 };
      expect(() =>
        planGatherBatch(
          { device, arena },
          { indices: words, images: words, labels: words, x: t, y: t },
          { mean: 0, std: 1 },
        ),
      ).toThrow(/gather_batch: 262141 images of 1 values need more than 65535 workgroups/);
      arena.destroy();
    });
  });
});
