// The dense session on WebGPU (SwiftShader): both tasks through TrainerCore, and one run at a time
// against the classifier; a lost device. Small on purpose (16×16 scenes, the small FCN where any network
// will do, a few steps): how well the presets learn is `npm run dense:quality`'s to measure.
import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import type { GpuBackend } from '../gpu-backend';
import { stateFromSnapshot } from '../load-weights';
import type { EventOf } from '../protocol';
import { buildDense } from './build';
import type { DenseEvent } from './types';
import { createHarness } from '../testing/harness';
import { presetSpec } from '../../network/presets';
import { SEGMENTATION_HYPER } from '../../network/dense-presets';
import { checkDenseSession, DENSE_TEST_OPTIONS } from './session-checks';
import { presetAt } from './testing';

describe('dense session on WebGPU', () => {
  it('builds, draws scenes, trains, evaluates and answers for segmentation and detection', async () => {
    const h = createHarness({ dense: DENSE_TEST_OPTIONS });
    await h.send({ type: 'init' });
    expect((await h.waitFor('ready')).backend).toBe('webgpu');
    await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
    await h.waitFor('datasetReady');
    await checkDenseSession(h);

    // One run at a time: the dense run starting pauses the classifier, and says why.
    await h.send({ type: 'setSpec', spec: presetSpec('tiny-cnn') });
    await h.send({ type: 'start' });
    await h.waitFor('state', (e) => e.state === 'training');
    const spec = presetAt('fcn', 16, {
      minDigits: 1,
      maxDigits: 1,
      minScale: 10,
      maxScale: 12,
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

  it('a lost device: the run is rebuilt from its last good weights at their step and trains on', async () => {
    const h = createHarness({ snapshotEveryMs: 0, dense: DENSE_TEST_OPTIONS });
    await h.send({ type: 'init' });
    await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
    await h.waitFor('datasetReady');
    type Of<K extends DenseEvent['kind']> = Extract<DenseEvent, { kind: K }>;
    const next = <K extends DenseEvent['kind']>(
      kind: K,
      test: (e: Of<K>) => boolean = () => true,
      from = 0,
    ) =>
      h
        .waitFor('dense', (e: EventOf<'dense'>) => e.event.kind === kind && test(e.event as Of<K>), { from })
        .then((e) => e.event as Of<K>);
    const spec = presetAt('fcn', 16, {
      minDigits: 1,
      maxDigits: 1,
      minScale: 10,
      maxScale: 12,
      clutter: 0,
      noise: 0,
    });
    const hyper = { ...SEGMENTATION_HYPER, batchSize: 2 };
    await h.send({ type: 'dense', request: { kind: 'set', spec, hyper } });
    await h.send({ type: 'dense', request: { kind: 'start' } });
    await next('metrics', (m) => m.step >= 4);
    await h.send({ type: 'dense', request: { kind: 'pause' } });
    const step = h.core.dense.step;
    for (let i = 0; i < 300 && h.core.dense.lastGood?.step !== step; i++)
      await new Promise((r) => setTimeout(r, 10));
    const good = h.core.dense.lastGood!;
    expect(good.step).toBe(step);

    const from = h.events.length;
    (h.core.backend as GpuBackend).device.destroy();
    await h.waitFor('deviceLost', () => true, { from });
    const state = await next('state', (e) => e.reason?.includes('rebuilt') ?? false, from);
    expect(state).toMatchObject({
      state: 'paused',
      reason: `the GPU device was lost: the network was rebuilt from its weights at step ${step}`,
    });
    await h.send({ type: 'dense', request: { kind: 'readWeights', id: 1 } });
    const weights = await next('weights', () => true, from);
    const { engine } = await buildDense(h.core.backend!, spec, hyper);
    const back = stateFromSnapshot(engine.desc, weights.layers);
    engine.destroy();
    expectClose(back.params, good.state.params, { atol: 0, rtol: 0 });
    await h.send({ type: 'dense', request: { kind: 'start' } });
    await next('metrics', (m) => m.step > step, from);
    await h.send({ type: 'dense', request: { kind: 'pause' } });
    await h.send({ type: 'dispose' });
  }, 600_000);
});
