// One run trains at a time on the trainer's device: starting the classifier while the autoencoder trains
// pauses the autoencoder first, and the other way round; each time the paused run's state says why and a
// notice tells the page. CPU backend with real MNIST (a linear classifier, a narrow autoencoder).
import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER } from '../network/hyper';
import { defaultLayer, emptySpec } from '../network/spec';
import { narrowPreset } from './generative/narrow-presets';
import type { GenerativeEvent } from './generative/types';
import type { EventOf } from './protocol';
import { createHarness } from './testing/harness';

type Of<K extends GenerativeEvent['kind']> = Extract<GenerativeEvent, { kind: K }>;

describe('the classifier and a generative run never train at once', () => {
  it('starting one pauses the other, with a reason and a notice', { timeout: 90_000 }, async () => {
    const h = createHarness({ reportEvery: 5 });
    await h.send({ type: 'init', forceCpu: true });
    const spec = emptySpec();
    spec.layers = [
      defaultLayer('Flatten'),
      { ...defaultLayer('Linear'), in_features: 784, out_features: 10 },
    ];
    await h.send({ type: 'setHyper', hyper: { ...DEFAULT_HYPER, batchSize: 32 } });
    await h.send({ type: 'setSpec', spec });
    await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
    await h.waitFor('datasetReady');
    const next = <K extends GenerativeEvent['kind']>(kind: K, test: (e: Of<K>) => boolean, from: number) =>
      h
        .waitFor(
          'generative',
          (e: EventOf<'generative'>) => e.event.kind === kind && test(e.event as Of<K>),
          {
            from,
          },
        )
        .then((e) => e.event as Of<K>);
    const ae = narrowPreset('autoencoder', 4).spec;
    const hyper = { ...DEFAULT_HYPER, batchSize: 4, loss: 'mse' as const };
    await h.send({
      type: 'generative',
      request: { kind: 'setAutoencoder', spec: ae, hyper, bottleneckLayerId: 'bottleneck' },
    });
    await next('ready', () => true, 0);

    await h.send({ type: 'start' });
    await h.waitFor('metrics', (m) => m.step >= 5);
    let from = h.events.length;
    await h.send({ type: 'generative', request: { kind: 'start' } });
    const classifierPaused =
      "The classifier's training was paused: the autoencoder started training, and one run trains at a time on the device.";
    expect(h.core.current.state).toBe('paused');
    expect(h.core.generative.state).toBe('training');
    expect(h.events.slice(from)).toContainEqual({ type: 'state', state: 'paused', reason: classifierPaused });
    expect(h.events.slice(from)).toContainEqual({ type: 'notice', message: classifierPaused });
    const stoppedAt = h.core.current.step;
    await next('metrics', (m) => m.step >= 5, from);
    expect(h.core.current.step).toBe(stoppedAt);

    from = h.events.length;
    await h.send({ type: 'start' });
    const aePaused =
      "The autoencoder's training was paused: the classifier started training, and one run trains at a time on the device.";
    expect(h.core.current.state).toBe('training');
    expect(h.core.generative.state).toBe('paused');
    expect(await next('state', (s) => s.state === 'paused', from)).toEqual({
      kind: 'state',
      state: 'paused',
      reason: aePaused,
    });
    expect(h.events.slice(from)).toContainEqual({ type: 'notice', message: aePaused });
    const aeStoppedAt = h.core.generative.step;
    await h.waitFor('metrics', (m) => m.step > stoppedAt, { from });
    await h.send({ type: 'pause' });
    expect(h.core.generative.step).toBe(aeStoppedAt);

    // Nothing to make room for when the other run is not training: no notice.
    from = h.events.length;
    await h.send({ type: 'generative', request: { kind: 'start' } });
    await h.send({ type: 'generative', request: { kind: 'pause' } });
    expect(h.events.slice(from).filter((e) => e.type === 'notice')).toEqual([]);
    expect(h.of('error')).toEqual([]);
    await h.send({ type: 'dispose' });
  });
});
