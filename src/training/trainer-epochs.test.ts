// Whole epochs on the CPU backend with a linear classifier (fast enough for the unit suite): the epoch-end
// evaluation and gallery, the 'done' state, and raising epochs to go on.
import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER } from '../network/hyper';
import { defaultLayer, emptySpec } from '../network/spec';
import { createHarness } from './testing/harness';

describe('epochs on the CPU backend with real MNIST', () => {
  it(
    'evaluates at each epoch end, stops in done, and goes on when epochs are raised',
    { timeout: 60_000 },
    async () => {
      const spec = emptySpec();
      spec.layers = [
        defaultLayer('Flatten'),
        { ...defaultLayer('Linear'), in_features: 784, out_features: 10 },
      ];
      const hyper = { ...DEFAULT_HYPER, batchSize: 1024, epochs: 1, lr: 0.01 };
      const h = createHarness({ reportEvery: 10 });
      await h.send({ type: 'init', forceCpu: true });
      await h.send({ type: 'setHyper', hyper });
      await h.send({ type: 'setSpec', spec });
      await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
      await h.waitFor('datasetReady');
      await h.send({ type: 'start' });
      const done = await h.waitFor('state', (s) => s.state === 'done', { timeoutMs: 50_000 });
      expect(done.reason).toBe('finished 1 epoch');
      const evaluation = h.of('evaluation')[0];
      // 60,000 images in batches of 1024: 58 whole steps, the remainder dropped.
      expect(evaluation).toMatchObject({ epoch: 1, step: 58 });
      expect(evaluation.testAccuracy).toBeGreaterThan(0.85);
      const metrics = h.of('metrics');
      // The first step is reported at once (fast first numbers), then every reportEvery steps.
      expect(metrics.map((m) => m.step)).toEqual([1, 10, 20, 30, 40, 50, 58]);
      expect(metrics.at(-1)!.epochProgress).toBe(1);
      const gallery = h.of('gallery')[0];
      expect(gallery.items.map((i) => i.index).slice(0, 3)).toEqual([0, 208, 416]);
      expect(gallery.items[0].image).toHaveLength(784);

      let from = h.events.length;
      await h.send({ type: 'start' });
      expect((await h.waitFor('error', () => true, { from })).message).toBe(
        'training finished its 1 epoch: raise epochs or press Reset',
      );
      from = h.events.length;
      await h.send({ type: 'setHyper', hyper: { ...hyper, epochs: 2 } });
      expect(h.of('state').at(-1)!.state).toBe('paused');
      await h.send({ type: 'start' });
      await h.waitFor('state', (s) => s.state === 'done', { from, timeoutMs: 50_000 });
      expect(h.of('evaluation').map((e) => [e.epoch, e.step])).toEqual([
        [1, 58],
        [2, 116],
      ]);
      await h.send({ type: 'dispose' });
    },
  );
});
