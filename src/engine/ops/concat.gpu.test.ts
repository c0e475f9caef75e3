import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { gpuCheck } from '../../gpu/testing/test-device';
import { concatBackward, concatForward, concatRuns } from '../reference/concat';
import { graphCases } from '../reference/graph-fixture';
import { sizeOf } from '../tensor';
import { concatCopyUsesVec4, concatShape, planConcatBackward, planConcatForward } from './concat';
import { empty, randomArray, read, run, testContext, upload } from './testing/gpu-context';

// Copies: bit for bit.
const EXACT = { atol: 0, rtol: 0 };

/** cat forward and backward on the GPU. */
async function gpuConcat(xs: Float32Array[], shapes: number[][], dy: Float32Array) {
  return gpuCheck(async (device) => {
    const ctx = testContext(device, 'concat');
    const yShape = concatShape(shapes);
    const y = empty(ctx, 'y', yShape);
    const dxs = shapes.map((s, i) => empty(ctx, `dx${i}`, s));
    run(
      ctx,
      planConcatForward(ctx, { xs: xs.map((x, i) => upload(ctx, `x${i}`, x, shapes[i])), y }),
      planConcatBackward(ctx, { dy: upload(ctx, 'dy', dy, yShape), dxs }),
    );
    const out = { y: await read(ctx, y), dxs: await Promise.all(dxs.map((dx) => read(ctx, dx))) };
    ctx.arena.destroy();
    return out;
  });
}

async function checkAgainstReference(shapes: number[][]) {
  const xs = shapes.map((s, i) => randomArray(sizeOf(s), 7 + i));
  const dy = randomArray(sizeOf(concatShape(shapes)), 3);
  const got = await gpuConcat(xs, shapes, dy);
  expectClose(got.y, concatForward({ xs, shapes, y: new Float32Array(dy.length) }), EXACT);
  const dxs = shapes.map((s) => new Float32Array(sizeOf(s)));
  concatBackward({ dy, shapes, dxs });
  got.dxs.forEach((dx, i) => expectClose(dx, dxs[i], EXACT));
}

describe('concat on WebGPU', () => {
  it('matches PyTorch cat(dim=1) forward and backward', async () => {
    for (const c of graphCases().concat) {
      const got = await gpuConcat(
        c.xs.map((x) => Float32Array.from(x)),
        c.shapes,
        Float32Array.from(c.dy),
      );
      expectClose(got.y, c.y, EXACT);
      got.dxs.forEach((dx, i) => expectClose(dx, c.dxs[i], EXACT));
    }
  });

  it('takes the vec4 copies exactly where every run and offset is a whole number of vec4s', () => {
    const uses = (shapes: number[][]) => {
      const { runs, offsets, row } = concatRuns(shapes);
      return runs.map((len, i) =>
        concatCopyUsesVec4({ len, srcRow: len, srcOffset: 0, dstRow: row, dstOffset: offsets[i] }),
      );
    };
    expect(
      uses([
        [2, 3, 4, 4],
        [2, 5, 4, 4],
      ]),
    ).toEqual([true, true]);
    expect(
      uses([
        [2, 4],
        [2, 3],
        [2, 5],
      ]),
    ).toEqual([true, false, false]);
    expect(
      uses([
        [2, 3, 5, 3],
        [2, 1, 5, 3],
      ]),
    ).toEqual([false, false]);
  });

  it('matches the CPU reference on awkward shapes, on both kernels', async () => {
    const cases = [
      [
        [2, 3, 4, 4],
        [2, 5, 4, 4],
        [2, 1, 4, 4],
      ],
      [
        [3, 7, 5, 3],
        [3, 2, 5, 3],
      ],
      [
        [5, 307],
        [5, 1],
        [5, 64],
      ],
      [
        [1, 1, 1, 1],
        [1, 1, 1, 1],
      ],
      [
        [130, 3],
        [130, 4],
      ],
      [[2, 16, 13, 17]],
    ];
    for (const shapes of cases) await checkAgainstReference(shapes);
  });

  // Past 65535 workgroups along a run (one input of 4,194,307 values) and along batch rows (4,194,307 rows
  // of one or two values): the kernel strides over the grid.
  it('covers runs and batches past 65535 workgroups', async () => {
    const n = 64 * 65535 + 67;
    await checkAgainstReference([
      [1, n],
      [1, 3],
    ]);
    await checkAgainstReference([
      [n, 1],
      [n, 2],
    ]);
  });

  it('rejects a y of the wrong shape, naming it', async () => {
    await gpuCheck((device) => {
      const ctx = testContext(device, 'concat-shapes');
      const xs = [empty(ctx, 'a', [2, 3, 4, 4]), empty(ctx, 'b', [2, 1, 4, 4])];
      expect(() => planConcatForward(ctx, { xs, y: empty(ctx, 'y', [2, 3, 4, 4]) })).toThrow(
        'concat y: expected shape [2,4,4,4], got [2,3,4,4]',
      );
      ctx.arena.destroy();
    });
  });
});
