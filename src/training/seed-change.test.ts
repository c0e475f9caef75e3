// A seed typed before the first step applies to that run: the model is rebuilt from the new seed, as a
// fresh trainer given that seed builds it. Weights that did not come from the seed (set from a file, or
// trained) are never replaced by a seed change.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_HYPER } from '../network/hyper';
import { presetSpec } from '../network/presets';
import { createHarness, type Harness } from './testing/harness';

const hyper = (seed: number) => ({ ...DEFAULT_HYPER, batchSize: 16, seed });
let harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses) await h.send({ type: 'dispose' });
  harnesses = [];
});

async function trainer(seed: number): Promise<Harness> {
  const h = createHarness();
  harnesses.push(h);
  await h.send({ type: 'init', forceCpu: true });
  await h.send({ type: 'setHyper', hyper: hyper(seed) });
  await h.send({ type: 'setSpec', spec: presetSpec('tiny-cnn') });
  return h;
}

const weights = (h: Harness) => h.core.current.backend!.readState().then((s) => Array.from(s.params));

describe('a seed change', () => {
  it('before the first step rebuilds the model from the new seed', async () => {
    const h = await trainer(1);
    const first = await weights(h);
    await h.send({ type: 'setHyper', hyper: hyper(2) });
    const reseeded = await weights(h);
    expect(reseeded).not.toEqual(first);
    expect(reseeded).toEqual(await weights(await trainer(2)));
  });

  it('leaves weights set from elsewhere, and trained weights, as they are', async () => {
    const h = await trainer(1);
    const other = await trainer(5);
    await other.send({ type: 'snapshot', id: 1, what: 'weights' });
    const { layers } = await other.waitFor('snapshot', (e) => e.id === 1);
    await h.send({ type: 'setWeights', id: 2, layers });
    const set = await weights(h);
    await h.send({ type: 'setHyper', hyper: hyper(3) });
    expect(await weights(h)).toEqual(set);

    await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
    await h.waitFor('datasetReady');
    await h.send({ type: 'step' });
    const trained = await weights(h);
    expect(trained).not.toEqual(set);
    await h.send({ type: 'setHyper', hyper: hyper(4) });
    expect(await weights(h)).toEqual(trained);
    expect(h.of('error')).toEqual([]);
  });
});
