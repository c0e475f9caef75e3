// The diagram's live activations: answered at once for the watched input (cut to the asked channels, equal
// to the backend's own forward pass), then pushed while training with the step they show, and silent once
// the page stops watching. On the CPU backend, driven through the worker's own request handling.
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeSpec } from '../network/analyze';
import { DEFAULT_HYPER } from '../network/hyper';
import { presetSpec } from '../network/presets';
import { MAX_VECTOR_VALUES } from './live-activations';
import { normalise } from './normalisation';
import { createHarness, type Harness } from './testing/harness';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.send({ type: 'dispose' });
  harness = null;
});

/** A vertical bar, 0..1, as a drawn "1". */
function drawnOne(): Float32Array {
  const image = new Float32Array(784);
  for (let y = 5; y < 23; y++) for (let x = 13; x < 16; x++) image[y * 28 + x] = 1;
  return image;
}

async function trainer(): Promise<Harness> {
  const h = createHarness();
  harness = h;
  await h.send({ type: 'init', forceCpu: true });
  await h.send({ type: 'setHyper', hyper: { ...DEFAULT_HYPER, batchSize: 32, seed: 5 } });
  await h.send({ type: 'setSpec', spec: presetSpec('tiny-cnn') });
  return h;
}

describe('live activations', () => {
  it('answer a watch at once, each image cut to the asked channels, as the forward pass computes them', async () => {
    const h = await trainer();
    const image = drawnOne();
    await h.send({ type: 'watchActivations', image: image.slice(), everyMs: 500, channels: 3 });
    const [live] = h.of('liveActivations');
    expect(live.step).toBe(0);
    expect(Array.from(live.input)).toEqual(Array.from(image));
    const full = await h.core.current.backend!.activations(normalise(image));
    const shapes = analyzeSpec(presetSpec('tiny-cnn')).layers.map((l) => l.outputShape!);
    expect(live.layers.map((l) => l.kind)).toEqual(presetSpec('tiny-cnn').layers.map((l) => l.kind));
    live.layers.forEach((layer, i) => {
      const shape = shapes[i];
      const [out] = layer.tensors;
      const kept =
        shape.length === 3
          ? [Math.min(3, shape[0]), shape[1], shape[2]]
          : [Math.min(shape[0], MAX_VECTOR_VALUES)];
      expect(out.shape).toEqual(kept);
      expect(Array.from(out.data)).toEqual(Array.from(full[i].subarray(0, out.data.length)));
      expect(out.data.length).toBe(kept.reduce((a, b) => a * b, 1));
    });
    // The first convolution has more than three maps: the cut is real.
    expect(shapes[0][0]).toBeGreaterThan(3);
  });

  it(
    'follow training with the step they show, on the first test image, and stop when unwatched',
    {
      timeout: 120_000,
    },
    async () => {
      const h = await trainer();
      // Nothing to show yet: no image was given and no test image is loaded.
      await h.send({ type: 'watchActivations', image: null, everyMs: 1, channels: 2 });
      expect(h.of('liveActivations')).toEqual([]);
      await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
      await h.waitFor('datasetReady');
      await h.send({ type: 'watchActivations', image: null, everyMs: 1, channels: 2 });
      const first = h.of('liveActivations')[0];
      const test0 = h.core.current.data.test.images.subarray(0, 784);
      expect(first.input).toEqual(Float32Array.from(test0, (v) => v / 255));
      await h.send({ type: 'start' });
      const later = await h.waitFor('liveActivations', (e) => e.step >= 5);
      await h.send({ type: 'pause' });
      const steps = h.of('liveActivations').map((e) => e.step);
      expect(steps).toEqual([...steps].sort((a, b) => a - b));
      // Trained weights, other maps.
      expect(Array.from(later.layers[0].tensors[0].data)).not.toEqual(
        Array.from(first.layers[0].tensors[0].data),
      );

      await h.send({ type: 'watchActivations', image: null, everyMs: 0, channels: 2 });
      const count = h.of('liveActivations').length;
      const from = h.events.length;
      await h.send({ type: 'start' });
      await h.waitFor('metrics', (e) => e.step >= later.step + 40, { from });
      await h.send({ type: 'pause' });
      expect(h.of('liveActivations')).toHaveLength(count);
      expect(h.of('error')).toEqual([]);
    },
  );

  it("watches an image only when it is of the dataset's size (else the first test image, none here)", async () => {
    const h = await trainer();
    // A drawing fitted to a colour design whose dataset has not arrived: nothing to show, and no error.
    await h.send({ type: 'watchActivations', image: new Float32Array(3072), everyMs: 100, channels: 2 });
    expect(h.of('liveActivations')).toEqual([]);
    await h.send({ type: 'watchActivations', image: drawnOne(), everyMs: 100, channels: 2 });
    expect(h.of('liveActivations').map((e) => e.input.length)).toEqual([784]);
    expect(h.of('error')).toEqual([]);
  });
});
