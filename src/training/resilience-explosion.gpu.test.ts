// Divergence that never reaches NaN (issue 23): SGD at lr 100 or Adam at lr 1000 on LeNet-5 sit at a loss
// of 150-800 with every number finite. The trainer pauses them as diverged once the loss has stayed far
// above where it began for 50 steps, with a message naming the learning rate. Weights loaded at an absurd
// size (±3e38, finite) are blamed instead of the learning rate when training from them diverges.
import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER, type Hyperparams } from '../network/hyper';
import { presetSpec } from '../network/presets';
import { SUSTAINED_STEPS } from './loss-watch';
import { createHarness, type Harness } from './testing/harness';

const REPORT_EVERY = 10;

async function trainer(hyper: Hyperparams, spec = presetSpec('lenet-5')): Promise<Harness> {
  const h = createHarness({ reportEvery: REPORT_EVERY });
  await h.send({ type: 'init' });
  expect((await h.waitFor('ready')).backend).toBe('webgpu');
  await h.send({ type: 'setHyper', hyper });
  await h.send({ type: 'setSpec', spec });
  await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
  await h.waitFor('datasetReady');
  return h;
}

describe('a loss that explodes without becoming NaN', () => {
  const cases: [string, Partial<Hyperparams>][] = [
    ['SGD at lr 100', { optimizer: 'sgd', lr: 100, momentum: 0.9 }],
    ['Adam at lr 1000', { optimizer: 'adam', lr: 1000 }],
  ];
  for (const [name, settings] of cases) {
    it(`${name} on LeNet-5 pauses as diverged, naming the learning rate`, async () => {
      const h = await trainer({ ...DEFAULT_HYPER, ...settings });
      await h.send({ type: 'start' });
      const diverged = await h.waitFor('diverged', () => true, { timeoutMs: 120_000 });
      // Every report before it was finite: this is the explosion, not the NaN check.
      const metrics = h.of('metrics');
      expect(metrics.every((m) => Number.isFinite(m.trainLoss))).toBe(true);
      expect(metrics.at(-1)!.trainLoss).toBeGreaterThan(23);
      // Step 1 is reported at once, below the limit; the steps after it count from there, so the watch
      // fires at the first report at least SUSTAINED_STEPS steps later.
      const step = Math.ceil((SUSTAINED_STEPS + 1) / REPORT_EVERY) * REPORT_EVERY;
      expect(diverged.step).toBe(step);
      expect(diverged.message).toMatch(
        new RegExp(
          `^The loss rose to [\\d.e+]+ by step ${step} and stayed above 23, 10 times where training began, for ${step - 1} steps: the learning rate ${settings.lr} is too high\\. Lower it \\(try 0\\.01\\) and press Reset\\.$`,
        ),
      );
      await h.waitFor('state', (s) => s.state === 'diverged');
      expect(h.core.state).toBe('diverged');
      expect(h.of('error')).toEqual([]);
      await h.send({ type: 'dispose' });
    });
  }

  it('weights loaded at ±3e38 are blamed, not the learning rate', async () => {
    const h = await trainer({ ...DEFAULT_HYPER, lr: 0.001 }, presetSpec('mlp'));
    await h.send({ type: 'snapshot', id: 1, what: 'weights' });
    const { layers } = await h.waitFor('snapshot');
    for (const layer of layers)
      for (const t of layer.tensors) t.data.forEach((v, i, a) => (a[i] = v < 0 ? -3e38 : 3e38));
    await h.send({ type: 'setWeights', id: 2, layers });
    await h.waitFor('weightsSet');
    await h.send({ type: 'start' });
    const { message } = await h.waitFor('diverged', () => true, { timeoutMs: 60_000 });
    expect(message).toMatch(
      /: the loaded weights hold values as large as 3\.0e\+38, too large to train from at any learning rate\. Load other weights, or press Reset to start from fresh ones\.$/,
    );
    expect(message).not.toContain('learning rate 0.001');
    // After Reset the weights are the seed's again, and the learning rate is blamed as usual.
    await h.send({ type: 'reset' });
    expect(h.core.loadedLargest).toBeNull();
    await h.send({ type: 'dispose' });
  });
});
