// The dense session driven through TrainerCore, the same checks on either backend: both tasks build,
// draw scenes, train, evaluate, answer a drawing, give feature maps and weights, and refuse bad requests.
// Small on purpose (16×16 scenes, a few steps, DENSE_TEST_OPTIONS): how well the presets learn is measured
// by `npm run dense:quality`, not here.
import { expect } from 'vitest';
import type { EventOf } from '../protocol';
import type { Harness } from '../testing/harness';
import { DETECTION_HYPER, SEGMENTATION_HYPER } from '../../network/dense-presets';
import { presetAt } from './testing';
import type { DenseSessionOptions } from './session';
import type { DenseEvent } from './types';

type Of<K extends DenseEvent['kind']> = Extract<DenseEvent, { kind: K }>;

const SCENE = { minDigits: 1, maxDigits: 2, minScale: 8, maxScale: 12, clutter: 1, noise: 4 };
const SIDE = 16;

/** The session's options for these checks: reports every 2 steps, figures on 8 test scenes, 3 shown. */
export const DENSE_TEST_OPTIONS: DenseSessionOptions = {
  reportEvery: 2,
  testScenes: 8,
  evaluateEveryMs: 8000,
  previews: 3,
};

export async function checkDenseSession(h: Harness): Promise<void> {
  let from = h.events.length;
  const next = <K extends DenseEvent['kind']>(kind: K, test: (e: Of<K>) => boolean = () => true) =>
    h
      .waitFor('dense', (e: EventOf<'dense'>) => e.event.kind === kind && test(e.event as Of<K>), {
        from,
        timeoutMs: 240_000,
      })
      .then((e) => e.event as Of<K>);
  const send = (request: Parameters<Harness['send']>[0]) => {
    from = h.events.length;
    return h.send(request);
  };

  // Segmentation: a U-Net on 16×16 scenes.
  const unet = presetAt('unet', SIDE, SCENE);
  await send({
    type: 'dense',
    request: { kind: 'set', spec: unet, hyper: { ...SEGMENTATION_HYPER, batchSize: 4 } },
  });
  const ready = await next('ready');
  expect(ready).toMatchObject({ task: 'segmentation', side: SIDE, stride: 1 });
  const first = await next('evaluation');
  expect(first.step).toBe(0);
  expect(first.meanIoU).toBeGreaterThanOrEqual(0);

  const ask = { split: 'test' as const, start: 0, count: 3, side: SIDE, scene: SCENE, seed: 1 };
  await send({ type: 'dense', request: { kind: 'scenes', id: 1, ...ask } });
  const scenes = await next('scenes');
  expect(scenes.images.length).toBe(3 * SIDE * SIDE);
  expect(scenes.boxes.length).toBe(3);
  expect(scenes.masks.some((v) => v > 0)).toBe(true);
  await send({
    type: 'dense',
    request: { kind: 'scenes', id: 8, ...ask, scene: { ...SCENE, maxScale: 20 } },
  });
  expect((await next('failed')).message).toBe(
    'these scenes cannot be drawn: maxScale 20 does not fit on a 16×16 canvas: at most 16',
  );

  await send({ type: 'dense', request: { kind: 'start' } });
  const metrics = await next('metrics', (e) => e.step >= 4);
  expect(Number.isFinite(metrics.loss)).toBe(true);
  await send({ type: 'dense', request: { kind: 'pause' } });
  const evaluation = await next('evaluation');
  // The figures after the pause are of the weights it paused at, on DENSE_TEST_OPTIONS.testScenes scenes.
  expect(evaluation.step).toBe(h.core.dense.step);
  expect(evaluation.step).toBeGreaterThanOrEqual(4);
  expect(evaluation.scenes).toBe(DENSE_TEST_OPTIONS.testScenes);
  expect(evaluation.classIoU).toHaveLength(11);
  expect(evaluation.pixelAccuracy).toBeGreaterThan(0);
  expect(evaluation.pixelAccuracy).toBeLessThanOrEqual(1);
  const previews = await next('previews');
  expect(previews.images.length).toBe(DENSE_TEST_OPTIONS.previews * SIDE * SIDE);
  expect(previews.maps!.length).toBe(previews.images.length);

  await send({ type: 'dense', request: { kind: 'predict', id: 2, image: new Float32Array(SIDE * SIDE) } });
  expect((await next('predicted')).maps!.length).toBe(SIDE * SIDE);
  await send({ type: 'dense', request: { kind: 'predict', id: 3, image: new Float32Array(784) } });
  expect((await next('failed')).message).toBe('a scene for this network has 16×16 = 256 pixels, got 784');

  await send({ type: 'dense', request: { kind: 'activations', id: 4, index: 2 } });
  const maps = await next('activations');
  expect(maps.values).toHaveLength(unet.layers.length);
  expect(maps.values[0].length).toBe(8 * SIDE * SIDE);

  await send({ type: 'dense', request: { kind: 'readWeights', id: 5 } });
  const weights = await next('weights');
  await send({ type: 'dense', request: { kind: 'setWeights', id: 6, layers: weights.layers.slice(1) } });
  expect((await next('failed')).message).toMatch(/^the weights have no layer 1 \(Conv2d\) weight/);

  // Detection: the CenterNet preset on the same scenes.
  const det = presetAt('centernet', SIDE, SCENE);
  await send({
    type: 'dense',
    request: { kind: 'set', spec: det, hyper: { ...DETECTION_HYPER, batchSize: 4 } },
  });
  expect(await next('ready')).toMatchObject({ task: 'detection', side: SIDE, stride: 4 });
  await send({ type: 'dense', request: { kind: 'start' } });
  await next('metrics', (e) => e.step >= 2);
  await send({ type: 'dense', request: { kind: 'pause' } });
  const found = await next('evaluation');
  expect(found.classAP).toHaveLength(10);
  expect(Number.isFinite(found.meanAP!)).toBe(true);
  await send({ type: 'dense', request: { kind: 'predict', id: 7, image: new Float32Array(SIDE * SIDE) } });
  expect(Array.isArray((await next('predicted')).detections)).toBe(true);
  expect(h.of('error')).toEqual([]);
}
