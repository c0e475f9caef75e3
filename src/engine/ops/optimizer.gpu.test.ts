import { describe, expect, it } from 'vitest';
import { readBuffer, readFloat32 } from '../../gpu/buffers';
import { expectClose } from '../../gpu/testing/close';
import { gpuCheck } from '../../gpu/testing/test-device';
import { loadFixture } from '../fixtures/load';
import { hyperOf, OPTIM_TOL, type OptimCase } from '../reference/optim-fixture';
import {
  adamState,
  adamStep,
  sgdState,
  sgdStep,
  type AdamHyper,
  type SgdHyper,
} from '../reference/optimizer';
import type { EngineContext } from '../op';
import { tensor, type Tensor } from '../tensor';
import { planAdam, planSgd, type PlannedOptimizer } from './optimizer';
import { randomArray, read, run, testContext, upload } from './testing/gpu-context';

type AnyOptimizer = PlannedOptimizer<SgdHyper> | PlannedOptimizer<AdamHyper>;

function plan(ctx: EngineContext, kind: string, params: Tensor, grads: Tensor, hyper: SgdHyper | AdamHyper) {
  return kind === 'sgd'
    ? planSgd(ctx, { params, grads, hyper: hyper as SgdHyper })
    : planAdam(ctx, { params, grads, hyper: hyper as AdamHyper });
}

describe('optimizers on WebGPU', () => {
  it('match PyTorch SGD (momentum, dampening, Nesterov, decay), Adam and AdamW over 3 steps', async () => {
    const cases = loadFixture('optim').optim as unknown as OptimCase[];
    for (const c of cases) {
      const after = await gpuCheck(async (device) => {
        const ctx = testContext(device, c.kind);
        const n = c.params.length;
        const params = upload(ctx, 'params', c.params, [n]);
        const grads = upload(ctx, 'grads', c.grads[0], [n]);
        const opt = plan(ctx, c.kind, params, grads, hyperOf(c));
        const out: Float32Array[] = [];
        for (const g of c.grads) {
          device.queue.writeBuffer(grads.buffer, 0, Float32Array.from(g));
          run(ctx, opt);
          out.push(await read(ctx, params));
        }
        const step = new Uint32Array(await readBuffer(device, opt.state.step, 4))[0];
        ctx.arena.destroy();
        expect(step).toBe(3);
        return out;
      });
      after.forEach((p, i) => expectClose(p, c.after[i], OPTIM_TOL));
    }
  });

  // 4 parameters a thread: sizes below, at and past a multiple of 4, each over 3 steps with lr changing.
  // Three floats past the parameters hold sentinels (NaN in the gradients): the masked tail of the last
  // vec4 must leave them as they were and keep their values out of the parameters.
  it('match the CPU reference on awkward sizes over 3 steps, leaving memory past the parameters alone', async () => {
    const configs: [string, SgdHyper | AdamHyper][] = [
      ['sgd', { lr: 0.1, momentum: 0.9, dampening: 0.1, weightDecay: 0.01 }],
      ['sgd', { lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01 }],
      ['sgd', { lr: 0.1, weightDecay: 0.02 }],
      ['adam', { lr: 0.01, weightDecay: 0.01 }],
      ['adamw', { lr: 0.01, beta1: 0.8, decoupled: true }],
    ];
    const sentinel = [7.5, -3.25, 1e30];
    for (const n of [1, 3, 4, 5, 307, 4097]) {
      const p0 = randomArray(n, n);
      const grads = [1, 2, 3].map((s) => randomArray(n, n + s));
      for (const [kind, hyper] of configs) {
        const cpu = Float32Array.from(p0);
        const sgd = sgdState(n);
        const adam = adamState(n);
        const lrs = [hyper.lr, hyper.lr * 0.5, hyper.lr * 0.25];
        const gpu = await gpuCheck(async (device) => {
          const ctx = testContext(device, kind);
          const params = tensor(ctx.arena.upload('params', Float32Array.from([...p0, ...sentinel])), [n]);
          const g = tensor(ctx.arena.upload('grads', new Float32Array(n + 3).fill(NaN)), [n]);
          const opt: AnyOptimizer = plan(ctx, kind === 'adamw' ? 'adam' : kind, params, g, hyper);
          for (let s = 0; s < 3; s++) {
            const h = { ...hyper, lr: lrs[s] };
            (opt.setHyper as (v: typeof h) => void)(h);
            device.queue.writeBuffer(g.buffer, 0, grads[s]);
            run(ctx, opt);
            if (kind === 'sgd') sgdStep(cpu, grads[s], sgd, h);
            else adamStep(cpu, grads[s], adam, h as AdamHyper);
          }
          const result = await readFloat32(device, params.buffer, n + 3);
          const encoder = device.createCommandEncoder();
          opt.reset(encoder);
          device.queue.submit([encoder.finish()]);
          const step = new Uint32Array(await readBuffer(device, opt.state.step, 4))[0];
          const stateAfterReset = await read(ctx, opt.state.buffers[0]);
          ctx.arena.destroy();
          return { result, step, stateAfterReset };
        });
        expectClose(gpu.result.subarray(0, n), cpu, { atol: 1e-6, rtol: 1e-5 });
        expect([...gpu.result.subarray(n)]).toEqual(sentinel.map(Math.fround));
        expect(gpu.step).toBe(0);
        expect(gpu.stateAfterReset.every((v) => v === 0)).toBe(true);
      }
    }
  });

  it('rejects bad hyperparameters with a specific message', async () => {
    await gpuCheck((device) => {
      const ctx = testContext(device);
      const p = upload(ctx, 'p', [1, 2], [2]);
      expect(() => planSgd(ctx, { params: p, grads: p, hyper: { lr: -1 } })).toThrow(/lr must be a finite/);
      expect(() => planSgd(ctx, { params: p, grads: p, hyper: { lr: 1, nesterov: true } })).toThrow(
        /Nesterov/,
      );
      expect(() => planAdam(ctx, { params: p, grads: p, hyper: { lr: 1, beta2: 1 } })).toThrow(/betas/);
      ctx.arena.destroy();
    });
  });

  it('rejects a buffer without the 16-byte padding that its vec4s need', async () => {
    await gpuCheck((device) => {
      const ctx = testContext(device);
      const raw = device.createBuffer({ size: 12, usage: GPUBufferUsage.STORAGE });
      const g = upload(ctx, 'g', [1, 2, 3], [3]);
      expect(() => planSgd(ctx, { params: tensor(raw, [3]), grads: g, hyper: { lr: 1 } })).toThrow(
        /sgd: the parameter tensor needs its buffer padded to 16 bytes/,
      );
      raw.destroy();
      ctx.arena.destroy();
    });
  });
});
