import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { gpuCheck } from '../../gpu/testing/test-device';
import { accumulate, addForward } from '../reference/add';
import { graphCases } from '../reference/graph-fixture';
import { tensor } from '../tensor';
import { planAccumulate, planAddForward } from './add';
import { empty, randomArray, read, run, testContext, upload } from './testing/gpu-context';

// f32 sums of the same two f32 values: exactly the CPU's.
const EXACT = { atol: 0, rtol: 0 };

async function gpuAdd(a: Float32Array, b: Float32Array, shape: number[]) {
  return gpuCheck(async (device) => {
    const ctx = testContext(device, 'add');
    const y = empty(ctx, 'y', shape);
    run(ctx, planAddForward(ctx, { a: upload(ctx, 'a', a, shape), b: upload(ctx, 'b', b, shape), y }));
    const out = await read(ctx, y);
    ctx.arena.destroy();
    return out;
  });
}

/** y starts as `y0`, then accumulates each of `xs` in turn. */
async function gpuAccumulate(y0: Float32Array, xs: Float32Array[], shape: number[]) {
  return gpuCheck(async (device) => {
    const ctx = testContext(device, 'accumulate');
    const y = upload(ctx, 'y', y0, shape);
    run(ctx, ...xs.map((x, i) => planAccumulate(ctx, { x: upload(ctx, `x${i}`, x, shape), y })));
    const out = await read(ctx, y);
    ctx.arena.destroy();
    return out;
  });
}

describe('add and accumulate on WebGPU', () => {
  const { add, fan_out } = graphCases();

  it('match PyTorch: the sum, and a fan-out gradient as the sum of its consumers', async () => {
    for (const c of add) {
      const got = await gpuAdd(Float32Array.from(c.a), Float32Array.from(c.b), c.shape);
      expectClose(got, c.y, EXACT);
    }
    for (const c of fan_out) {
      const got = await gpuAccumulate(Float32Array.from(c.dy1), [Float32Array.from(c.dy2)], c.shape);
      expectClose(got, c.dx, EXACT);
    }
  });

  // Sizes that are and are not multiples of 4 (the scalar tail), and one past 65535 workgroups of 64 vec4s.
  it('match the CPU reference on awkward sizes and past 65535 workgroups', async () => {
    for (const n of [1, 2, 3, 4, 5, 307, 308, 4 * 64 * 65535 + 7]) {
      const [a, b, c] = [1, 2, 3].map((s) => randomArray(n, n + s));
      expectClose(await gpuAdd(a, b, [n]), addForward(a, b, new Float32Array(n)), EXACT);
      if (n > 308) continue;
      const want = accumulate(c, accumulate(b, Float32Array.from(a)));
      expectClose(await gpuAccumulate(a, [b, c], [n]), want, EXACT);
    }
  });

  it('leave the bytes past the last element alone, and work on views at an offset', async () => {
    const sentinel = -12345.5;
    const got = await gpuCheck(async (device) => {
      const ctx = testContext(device, 'add-tail');
      // Views of 5 elements at byte 256 of 512-byte buffers: the last vec4 has 1 live lane.
      const view = (name: string, data: Float32Array) => {
        const all = new Float32Array(128).fill(sentinel);
        all.set(data, 64);
        return tensor(ctx.arena.upload(name, all), [5], 256);
      };
      const a = view('a', Float32Array.from([1, 2, 3, 4, 5]));
      const b = view('b', Float32Array.from([10, 20, 30, 40, 50]));
      const y = view('y', new Float32Array(5));
      const acc = view('acc', Float32Array.from([100, 200, 300, 400, 500]));
      run(ctx, planAddForward(ctx, { a, b, y }), planAccumulate(ctx, { x: y, y: acc }));
      const whole = async (t: typeof y) => read(ctx, tensor(t.buffer, [128]));
      const out = { y: await whole(y), acc: await whole(acc) };
      ctx.arena.destroy();
      return out;
    });
    const expected = (values: number[]) => {
      const all = new Float32Array(128).fill(sentinel);
      all.set(values, 64);
      return all;
    };
    expect(Array.from(got.y)).toEqual(Array.from(expected([11, 22, 33, 44, 55])));
    expect(Array.from(got.acc)).toEqual(Array.from(expected([111, 222, 333, 444, 555])));
  });

  it('reject shapes that differ, naming the tensor', async () => {
    await gpuCheck((device) => {
      const ctx = testContext(device, 'add-shapes');
      const t = (shape: number[]) => empty(ctx, 't', shape);
      expect(() => planAddForward(ctx, { a: t([2, 3]), b: t([3, 2]), y: t([2, 3]) })).toThrow(
        'add b: expected shape [2,3], got [3,2]',
      );
      expect(() => planAccumulate(ctx, { x: t([4]), y: t([5]) })).toThrow(
        'accumulate y: expected shape [4], got [5]',
      );
      ctx.arena.destroy();
    });
  });
});
