// The dense session on WebGPU (SwiftShader): both tasks through TrainerCore, and one run at a time
// against the classifier.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness';
import { presetSpec } from '../../network/presets';
import { SEGMENTATION_HYPER } from '../../network/dense-presets';
import { checkDenseSession } from './session-checks';
import { presetAt } from './testing';

describe('dense session on WebGPU', () => {
  it('builds, draws scenes, trains, evaluates and answers for segmentation and detection', async () => {
    const h = createHarness();
    await h.send({ type: 'init' });
    expect((await h.waitFor('ready')).backend).toBe('webgpu');
    await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
    await h.waitFor('datasetReady');
    await checkDenseSession(h);

    // One run at a time: the dense run starting pauses the classifier, and says why.
    await h.send({ type: 'setSpec', spec: presetSpec('tiny-cnn') });
    await h.send({ type: 'start' });
    await h.waitFor('metrics');
    const spec = presetAt('unet', 32, {
      minDigits: 1,
      maxDigits: 1,
      minScale: 16,
      maxScale: 20,
      clutter: 0,
      noise: 0,
    });
    await h.send({
      type: 'dense',
      request: { kind: 'set', spec, hyper: { ...SEGMENTATION_HYPER, batchSize: 2 } },
    });
    const from = h.events.length;
    await h.send({ type: 'dense', request: { kind: 'start' } });
    const notice = await h.waitFor('notice', () => true, { from });
    expect(notice.message).toBe(
      "The classifier's training was paused: the segmentation network started training, and one run trains at a time on the device.",
    );
    expect(h.core.state).toBe('paused');
    await h.send({ type: 'dense', request: { kind: 'pause' } });
    await h.send({ type: 'dispose' });
  }, 600_000);
});
