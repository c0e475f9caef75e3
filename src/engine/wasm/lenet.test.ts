import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { referenceOps, type CpuOps } from '../cpu-ops';
import { initialState } from '../model/init';
import { randomFloat32 } from '../reference/conv-testing';
import { expectSameBits } from './testing/bits';
import { LENET_DESC, lenetTrainer } from './testing/lenet';
import { wasmSuite } from './testing/suite';

const BATCH = 16;
const STEPS = 6;

/** Seeded PyTorch-default weights and a few random batches with labels, trained with SGD momentum. */
function train(ops: CpuOps) {
  let s = 7;
  const init = initialState(LENET_DESC, () => (s = (s * 16807) % 2147483647) / 2147483647).params;
  const t = lenetTrainer(ops, BATCH, init, { lr: 0.05, momentum: 0.9 });
  const losses: number[] = [];
  for (let k = 0; k < STEPS; k++) {
    t.input.set(randomFloat32(BATCH * 784, 100 + k));
    t.labels.set(Array.from({ length: BATCH }, (_, i) => (i * 3 + k) % 10));
    losses.push(t.step().loss);
  }
  return { losses, params: t.params.slice() };
}

describe('LeNet-5 training on the wasm ops', () => {
  const one = wasmSuite(1);
  const two = wasmSuite(2);

  it('follows the reference ops step for step', () => {
    const want = train(referenceOps);
    const got = train(one.ops());
    // Float32 sums in a different order: the weights drift apart by rounding only.
    expectClose(got.losses, want.losses, { atol: 1e-4, rtol: 1e-4 });
    expectClose(got.params, want.params, { atol: 1e-4, rtol: 1e-3 });
    expect(got.losses[STEPS - 1]).toBeLessThan(got.losses[0]);
  });

  it('gives the same bits on one thread and two', () => {
    const a = train(one.ops());
    const b = train(two.ops());
    expect(b.losses).toEqual(a.losses);
    expectSameBits(b.params, a.params, 'params');
  });
});
