// The dense session on the CPU backend (no WebGPU): both tasks through TrainerCore.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness';
import { checkDenseSession } from './session-checks';

describe('dense session on the CPU backend', () => {
  it('builds, draws scenes, trains, evaluates and answers for segmentation and detection', async () => {
    const h = createHarness();
    await h.send({ type: 'init', forceCpu: true });
    expect((await h.waitFor('ready')).backend).toBe('cpu');
    await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
    await h.waitFor('datasetReady');
    await checkDenseSession(h);
    await h.send({ type: 'dispose' });
  }, 600_000);
});
