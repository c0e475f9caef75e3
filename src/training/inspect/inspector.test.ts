// The Inspector inside a TrainerCore on the CPU backend with real MNIST: the replay history fills as
// steps are taken (every early step, within its bounds), a replay frame at the newest step equals the
// live model, saliency answers with every class's input gradient, and a reset forgets the history.
import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { DEFAULT_HYPER } from '../../network/hyper';
import { presetSpec } from '../../network/presets';
import { createHarness } from '../testing/harness';
import type { InspectQuery, InspectResult } from './types';

const hyper = { ...DEFAULT_HYPER, optimizer: 'adam' as const, lr: 0.003, batchSize: 32, epochs: 1, seed: 3 };

describe('Inspector in TrainerCore (CPU backend)', () => {
  it(
    'records the replay history, answers frames and saliency, and forgets on reset',
    { timeout: 120_000 },
    async () => {
      const h = createHarness({ reportEvery: 10 });
      let id = 1;
      const ask = async <K extends InspectQuery['kind']>(query: Extract<InspectQuery, { kind: K }>) => {
        const n = id++;
        const from = h.events.length;
        await h.send({ type: 'inspect', id: n, query });
        const failed = h.events.slice(from).find((e) => e.type === 'requestFailed' && e.id === n);
        if (failed && failed.type === 'requestFailed') throw new Error(failed.message);
        const answer = await h.waitFor('inspected', (e) => e.id === n, { from });
        return answer.result as Extract<InspectResult, { kind: K }>;
      };
      await h.send({ type: 'init', forceCpu: true });
      await h.send({ type: 'setHyper', hyper });
      await h.send({ type: 'setSpec', spec: presetSpec('tiny-cnn') });
      await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
      await h.waitFor('datasetReady');
      for (let i = 0; i < 21; i++) await h.send({ type: 'step' });

      const list = await ask({ kind: 'replayList' });
      expect(list.entries.map((e) => e.step)).toEqual(Array.from({ length: 22 }, (_, i) => i));
      expect(list.bounds).toEqual({ maxCount: 64, maxBytes: 32 * 1024 * 1024 });
      expect(list.bytes).toBe(list.entries.reduce((s, e) => s + e.bytes, 0));

      // The newest frame (step 21) is the live model: same weights, same activations.
      const image = Float32Array.from({ length: 784 }, (_, i) => ((i * 37) % 101) / 100);
      const frame = await ask({ kind: 'replayFrame', index: 21, image: image.slice() });
      expect(frame.entry.step).toBe(21);
      const from = h.events.length;
      await h.send({ type: 'snapshot', id: 900, what: 'weights' });
      await h.send({ type: 'snapshot', id: 901, what: 'activations', image: image.slice() });
      const live = await h.waitFor('snapshot', (e) => e.id === 900, { from });
      const liveActs = await h.waitFor('snapshot', (e) => e.id === 901, { from });
      expect(frame.weights.map((l) => l.layerIndex)).toEqual(live.layers.map((l) => l.layerIndex));
      frame.weights.forEach((l, i) =>
        expectClose(l.tensors[0].data, live.layers[i].tensors[0].data, { atol: 0, rtol: 0 }),
      );
      frame.activations.forEach((l, i) =>
        expectClose(l.tensors[0].data, liveActs.layers[i].tensors[0].data, { atol: 1e-5, rtol: 1e-4 }),
      );
      // Step 0 holds the initial weights, which training has changed.
      const start = await ask({ kind: 'replayFrame', index: 0 });
      expect(start.entry.step).toBe(0);
      const moved = start.weights[0].tensors[0].data.reduce(
        (s, v, i) => s + Math.abs(v - frame.weights[0].tensors[0].data[i]),
        0,
      );
      expect(moved).toBeGreaterThan(1e-3);

      // Saliency: logits agree with a prediction, and there is one gradient image per class.
      const saliency = await ask({ kind: 'saliency', image: image.slice() });
      expect(saliency.gradients).toHaveLength(10 * 784);
      const p = h.events.length;
      await h.send({ type: 'predict', id: 902, image: image.slice() });
      const prediction = await h.waitFor('prediction', (e) => e.id === 902, { from: p });
      const max = Math.max(...saliency.logits);
      const exp = saliency.logits.map((v) => Math.exp(v - max));
      const total = exp.reduce((a, b) => a + b, 0);
      expectClose(
        prediction.probabilities,
        exp.map((v) => v / total),
        { atol: 1e-5, rtol: 1e-4 },
      );
      expect(Math.max(...saliency.gradients.map(Math.abs))).toBeGreaterThan(0);

      await expect(ask({ kind: 'replayFrame', index: 99 })).rejects.toThrow(/outside the history of 22/);
      await expect(ask({ kind: 'layerTimes' })).rejects.toThrow(/needs the WebGPU backend/);

      await h.send({ type: 'reset' });
      expect((await ask({ kind: 'replayList' })).entries).toEqual([]);
      expect(h.of('error')).toEqual([]);
      await h.send({ type: 'dispose' });
    },
  );
});
