import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { referenceOps } from '../cpu-ops';
import { loadFixture } from '../fixtures/load';
import { randomFloat32 } from '../reference/testing/conv';
import { hyperOf, OPTIM_TOL, type OptimCase } from '../reference/optim-fixture';
import type { AdamHyper, SgdHyper } from '../reference/optimizer';
import { expectSameBits } from './testing/bits';
import { wasmSuite } from './testing/suite';

const HYPERS: [string, 'sgd' | 'adam', SgdHyper | AdamHyper][] = [
  ['plain SGD with weight decay', 'sgd', { lr: 0.1, weightDecay: 0.01 }],
  ['SGD momentum with dampening', 'sgd', { lr: 0.05, momentum: 0.9, dampening: 0.3 }],
  ['SGD Nesterov', 'sgd', { lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 1e-3 }],
  ['Adam with L2', 'adam', { lr: 1e-3, weightDecay: 0.1 }],
  ['AdamW (default decay)', 'adam', { lr: 1e-2, decoupled: true }],
];

describe('wasm optimizers match the reference bit for bit over 4 steps', () => {
  const suite = wasmSuite();
  for (const [name, kind, hyper] of HYPERS) {
    it(`${name} on 307 parameters`, () => {
      const w = suite.staged();
      const n = 307;
      const [p, pRef] = [randomFloat32(n, 1), randomFloat32(n, 1)];
      const [s, sRef] =
        kind === 'sgd'
          ? [w.sgdState(n), referenceOps.sgdState(n)]
          : [w.adamState(n), referenceOps.adamState(n)];
      for (let step = 0; step < 4; step++) {
        const g = randomFloat32(n, 10 + step);
        if (kind === 'sgd') {
          w.sgdStep(p, g, s as never, hyper);
          referenceOps.sgdStep(pRef, g, sRef as never, hyper);
        } else {
          w.adamStep(p, g, s as never, hyper as AdamHyper);
          referenceOps.adamStep(pRef, g, sRef as never, hyper as AdamHyper);
        }
        expectSameBits(p, pRef, 'params');
        expect(s.step).toBe(step + 1);
      }
    });
  }

  it('match the PyTorch golden fixtures over 3 steps', () => {
    const w = suite.staged();
    const cases = loadFixture('optim').optim as unknown as OptimCase[];
    expect(cases.length).toBe(8);
    for (const c of cases) {
      const p = Float32Array.from(c.params);
      const sgd = w.sgdState(p.length);
      const adam = w.adamState(p.length);
      c.grads.forEach((g, step) => {
        if (c.kind === 'sgd') w.sgdStep(p, Float32Array.from(g), sgd, hyperOf(c) as SgdHyper);
        else w.adamStep(p, Float32Array.from(g), adam, hyperOf(c) as AdamHyper);
        expectClose(p, c.after[step], OPTIM_TOL);
      });
    }
  });

  it('keeps optimizer state in the backend memory', () => {
    const ops = suite.ops();
    const s = ops.adamState(10);
    const p = ops.alloc(10).fill(1);
    ops.adamStep(p, ops.alloc(10).fill(0.5), s, { lr: 0.1 });
    expect(s.expAvg[0]).toBeCloseTo(0.05, 7);
    expect(() =>
      ops.sgdStep(
        p,
        ops.alloc(10),
        { momentumBuffer: new Float32Array(10), step: 0 },
        { lr: 1, momentum: 0.9 },
      ),
    ).toThrow(/sgd: momentum buffer is not in this backend's memory/);
  });
});
