// Issue 10, memory guard on a real adapter: a design too big for the device's own limits is refused by
// the trainer with the numbers, before anything is allocated, and the model already there trains on.
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../network/memory';
import { DEFAULT_HYPER } from '../network/hyper';
import { presetSpec } from '../network/presets';
import { serializeSpec } from '../network/serialize';
import { L, net } from '../network/testing/build';
import type { GpuBackend } from './gpu-backend';
import { createHarness } from './testing/harness';

describe('memory guard on WebGPU', () => {
  it("refuses designs beyond the adapter's buffer limit with the sizes; the current model is untouched", async () => {
    const h = createHarness({ reportEvery: 1 });
    await h.send({ type: 'init' });
    expect((await h.waitFor('ready')).backend).toBe('webgpu');
    await h.send({ type: 'setHyper', hyper: { ...DEFAULT_HYPER, batchSize: 128 } });
    const mlp = presetSpec('mlp');
    await h.send({ type: 'setSpec', spec: mlp });
    const backend = h.core.current.backend as GpuBackend;
    const limit = formatBytes(backend.maxBufferBytes);
    const bytesBefore = backend.bytes();

    // 784 × 400,000 weights: 1.2 GiB in one parameter buffer.
    const wide = net([L('Flatten'), L('Linear', { out_features: 400_000 }), L('Linear')]);
    // 4096 channels of 28×28 for a batch of 128: 1.5 GiB in one activation buffer.
    const deep = net([L('Conv2d', { out_channels: 4096, kernel_size: 1 }), L('Flatten'), L('Linear')]);
    for (const [spec, pattern] of [
      [wide, /its 314,000,000 parameters take 1\.2 GiB, more than the .* one GPU buffer may hold/],
      [
        deep,
        /its output for a batch of 128 is 128×4096×28×28 values = 1\.5 GiB, more than the .* one GPU buffer/,
      ],
    ] as const) {
      const from = h.events.length;
      await h.send({ type: 'setSpec', spec });
      const error = await h.waitFor('error', () => true, { from });
      expect(error.message).toMatch(/^the network cannot be built: /);
      expect(error.message).toMatch(pattern);
      expect(error.message).toContain(`the ${limit} one GPU buffer`);
      expect(serializeSpec(h.core.current.spec!)).toBe(serializeSpec(mlp));
      expect(backend.bytes()).toBe(bytesBefore);
    }
    // Past the refusals (the harness fails a wait on any error after `from`).
    const from = h.events.length;
    await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
    await h.waitFor('datasetReady', () => true, { from });
    await h.send({ type: 'step' });
    expect(Number.isFinite(h.of('metrics').at(-1)!.trainLoss)).toBe(true);
    await h.send({ type: 'dispose' });
  });
});
