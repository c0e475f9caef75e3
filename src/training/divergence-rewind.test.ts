// After divergence the trainer restores its good weights and rewinds to them: the step count and the
// sample order go back to the good weights' step, so a run that goes on (at a lower learning rate) does
// exactly what a run that never diverged does from there. CPU backend with plain SGD (no optimizer state).
import { describe, expect, it } from 'vitest';
import { expectClose } from '../gpu/testing/close';
import { DEFAULT_HYPER, type Hyperparams } from '../network/hyper';
import { presetSpec } from '../network/presets';
import { createHarness, type Harness } from './testing/harness';

const WILD: Hyperparams = {
  ...DEFAULT_HYPER,
  optimizer: 'sgd',
  lr: 500,
  momentum: 0,
  batchSize: 16,
  seed: 3,
};
const CALM: Hyperparams = { ...WILD, lr: 0.01 };

async function trainer(): Promise<Harness> {
  const h = createHarness({ reportEvery: 1 });
  await h.send({ type: 'init', forceCpu: true });
  await h.send({ type: 'setHyper', hyper: WILD });
  await h.send({ type: 'setSpec', spec: presetSpec('mlp') });
  await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
  await h.waitFor('datasetReady');
  return h;
}

const params = async (h: Harness) => (await h.core.current.backend!.readState()).params;
/** Bit-for-bit equality, reported by the worst index (a diff of 100,000 floats would take minutes). */
const EXACT = { atol: 0, rtol: 0 };

describe('divergence rewinds the run to the good weights', () => {
  it('the step count and the sample order go back with the weights', { timeout: 60_000 }, async () => {
    const wild = await trainer();
    while (wild.core.current.state !== 'diverged') {
      await wild.send({ type: 'step' });
      expect(wild.core.current.step).toBeLessThan(100);
    }
    const seen = wild.of('diverged')[0].step;
    // A report after every step: the good copy is the candidate of the report before the last healthy one.
    const back = Math.max(0, seen - 2);
    expect(wild.core.current.step).toBe(back);
    expect(wild.core.current.schedule?.stepInEpoch ?? 0).toBe(back);

    const calm = await trainer();
    while (calm.core.current.step < back) await calm.send({ type: 'step' });
    expectClose(await params(wild), await params(calm), EXACT);

    for (const h of [wild, calm]) {
      await h.send({ type: 'setHyper', hyper: CALM });
      await h.send({ type: 'step' });
    }
    expect(wild.core.current.step).toBe(back + 1);
    expectClose(await params(wild), await params(calm), EXACT);
    expect(wild.of('error')).toEqual([]);
    for (const h of [wild, calm]) await h.send({ type: 'dispose' });
  });
});
