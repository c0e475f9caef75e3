import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { gpuCheck } from '../../gpu/testing/test-device';
import { loadFixture } from '../fixtures/load';
import {
  linearBackwardBias,
  linearBackwardInput,
  linearBackwardWeight,
  linearForward,
  type LinearDims,
} from '../reference/linear';
import { planLinearBackward, planLinearForward } from './linear';
import { empty, randomArray, read, run, testContext, upload } from './testing/gpu-context';

// f32 sums of up to 307 products on both sides (PyTorch / the GPU), values up to ~4 in magnitude.
const TOL = { atol: 1e-4, rtol: 1e-4 };

interface Outputs {
  y: Float32Array;
  yRelu: Float32Array;
  dx: Float32Array;
  dw: Float32Array;
  db: Float32Array;
}

async function gpuLinear(d: LinearDims, x: Float32Array, w: Float32Array, b: Float32Array, dy: Float32Array) {
  return gpuCheck(async (device): Promise<Outputs> => {
    const ctx = testContext(device, 'linear-test');
    const { batch, inFeatures: fin, outFeatures: fout } = d;
    const xs = upload(ctx, 'x', x, [batch, fin]);
    const ws = upload(ctx, 'w', w, [fout, fin]);
    const bs = upload(ctx, 'b', b, [fout]);
    const t = {
      y: empty(ctx, 'y', [batch, fout]),
      yRelu: empty(ctx, 'y-relu', [batch, fout]),
      dx: empty(ctx, 'dx', [batch, fin]),
      dw: empty(ctx, 'dw', [fout, fin]),
      db: empty(ctx, 'db', [fout]),
    };
    run(
      ctx,
      planLinearForward(ctx, { x: xs, weight: ws, bias: bs, y: t.y }),
      planLinearForward(ctx, { x: xs, weight: ws, bias: bs, y: t.yRelu, relu: true }),
      planLinearBackward(ctx, {
        x: xs,
        weight: ws,
        dy: upload(ctx, 'dy', dy, [batch, fout]),
        dx: t.dx,
        dWeight: t.dw,
        dBias: t.db,
      }),
    );
    const out = {
      y: await read(ctx, t.y),
      yRelu: await read(ctx, t.yRelu),
      dx: await read(ctx, t.dx),
      dw: await read(ctx, t.dw),
      db: await read(ctx, t.db),
    };
    ctx.arena.destroy();
    return out;
  });
}

describe('Linear on WebGPU', () => {
  it('matches PyTorch forward (plain and fused ReLU) and backward', async () => {
    const cases = loadFixture('linear').linear as unknown as Record<string, number & number[]>[];
    for (const c of cases) {
      const d = { batch: c.batch, inFeatures: c.in_features, outFeatures: c.out_features };
      const f = (k: string) => Float32Array.from(c[k]);
      const out = await gpuLinear(d, f('x'), f('weight'), f('bias'), f('dy'));
      expectClose(out.y, c.y, TOL);
      expectClose(out.yRelu, c.y_relu, TOL);
      expectClose(out.dx, c.dx, TOL);
      expectClose(out.dw, c.dweight, TOL);
      expectClose(out.db, c.dbias, TOL);
    }
  });

  it('matches the CPU reference on awkward shapes, including a split-K weight gradient', async () => {
    const shapes: [number, number, number][] = [
      [1, 307, 3],
      [64, 84, 10],
      // LeNet's fc2: split-K reductions and the bias gradient on the vec4 reduce_rows kernel.
      [64, 120, 84],
      [17, 5, 16],
      [307, 4, 1],
    ];
    for (const [batch, fin, fout] of shapes) {
      const d = { batch, inFeatures: fin, outFeatures: fout };
      const x = randomArray(batch * fin, batch + 1);
      const w = randomArray(fout * fin, fin + 2);
      const b = randomArray(fout, fout + 3);
      const dy = randomArray(batch * fout, batch + 4);
      const out = await gpuLinear(d, x, w, b, dy);
      expectClose(out.y, linearForward(x, w, b, new Float32Array(batch * fout), d), TOL);
      expectClose(out.yRelu, linearForward(x, w, b, new Float32Array(batch * fout), d, true), TOL);
      expectClose(out.dx, linearBackwardInput(dy, w, new Float32Array(batch * fin), d), TOL);
      expectClose(out.dw, linearBackwardWeight(dy, x, new Float32Array(fout * fin), d), TOL);
      expectClose(out.db, linearBackwardBias(dy, new Float32Array(fout), d), TOL);
    }
  });

  it('rejects a weight that does not fit the input', async () => {
    await gpuCheck((device) => {
      const ctx = testContext(device);
      const args = {
        x: empty(ctx, 'x', [2, 5]),
        weight: empty(ctx, 'w', [3, 4]),
        y: empty(ctx, 'y', [2, 3]),
      };
      expect(() => planLinearForward(ctx, args)).toThrow(/does not take 5 input features/);
    });
  });
});
