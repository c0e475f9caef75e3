import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { loadFixture } from '../fixtures/load';
import { adamState, adamStep, sgdState, sgdStep, type AdamHyper, type SgdHyper } from './optimizer';
import { hyperOf, OPTIM_TOL, type OptimCase } from './optim-fixture';

describe('optimizer CPU references', () => {
  const cases = loadFixture('optim').optim as unknown as OptimCase[];

  it('SGD, Adam and AdamW match PyTorch over 3 steps (momentum start, Nesterov, bias correction)', () => {
    expect(cases.length).toBe(8);
    for (const c of cases) {
      const p = Float32Array.from(c.params);
      const sgd = sgdState(p.length);
      const adam = adamState(p.length);
      c.grads.forEach((g, step) => {
        if (c.kind === 'sgd') sgdStep(p, Float32Array.from(g), sgd, hyperOf(c) as SgdHyper);
        else adamStep(p, Float32Array.from(g), adam, hyperOf(c) as AdamHyper);
        expectClose(p, c.after[step], OPTIM_TOL);
      });
    }
  });

  it('is not fooled by a zero-initialised momentum buffer when dampening is set', () => {
    // With dampening, PyTorch's first buffer is g itself, not (1 - dampening) g.
    const p = Float32Array.from([1]);
    sgdStep(p, Float32Array.from([2]), sgdState(1), { lr: 1, momentum: 0.9, dampening: 0.5 });
    expect(p[0]).toBeCloseTo(-1, 6);
  });
});
