import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER } from '../network/hyper';
import { defaultLayer, emptySpec, type Layer, type NetworkSpec } from '../network/spec';
import { createHarness } from './testing/harness';

// Issue 3: a tiny conv -> pool -> linear network trained a few dozen steps on real MNIST drives the loss
// clearly down on WebGPU, and the CPU reference backend gives the same loss curve within tolerance.
const STEPS = 40;
const hyper = {
  ...DEFAULT_HYPER,
  optimizer: 'sgd' as const,
  lr: 0.05,
  momentum: 0.9,
  batchSize: 32,
  epochs: 1,
  seed: 3,
};

function tinySpec(): NetworkSpec {
  const layer = <K extends Layer['kind']>(
    kind: K,
    params: Partial<Extract<Layer, { kind: K }>>,
    id: string,
  ) => ({ ...defaultLayer(kind, id), ...params }) as Layer;
  return {
    ...emptySpec('classification', 'mnist'),
    name: 'tiny conv-pool-linear',
    layers: [
      layer('Conv2d', { in_channels: 1, out_channels: 4, kernel_size: 5 }, 'conv'),
      layer('ReLU', {}, 'relu'),
      layer('MaxPool2d', { kernel_size: 4 }, 'pool'),
      layer('Flatten', {}, 'flat'),
      layer('Linear', { in_features: 4 * 6 * 6, out_features: 10 }, 'fc'),
    ],
  };
}

async function lossCurve(forceCpu: boolean): Promise<number[]> {
  const h = createHarness({ reportEvery: 1 });
  await h.send({ type: 'init', forceCpu });
  expect((await h.waitFor('ready')).backend).toBe(forceCpu ? 'cpu' : 'webgpu');
  await h.send({ type: 'setHyper', hyper });
  await h.send({ type: 'setSpec', spec: tinySpec() });
  await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
  await h.waitFor('datasetReady');
  for (let i = 0; i < STEPS; i++) await h.send({ type: 'step' });
  await h.waitFor('metrics', (m) => m.step === STEPS);
  const curve = h.of('metrics').map((m) => m.trainLoss);
  expect(h.of('error')).toEqual([]);
  await h.send({ type: 'dispose' });
  return curve;
}

describe('loss curve on real MNIST', () => {
  it('falls clearly on WebGPU and matches the CPU reference backend', { timeout: 300_000 }, async () => {
    const gpu = await lossCurve(false);
    const cpu = await lossCurve(true);
    expect(gpu).toHaveLength(STEPS);
    expect(cpu).toHaveLength(STEPS);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const first = mean(gpu.slice(0, 5));
    const last = mean(gpu.slice(-5));
    process.stdout.write(
      `tiny conv-pool-linear: loss ${first.toFixed(3)} -> ${last.toFixed(3)} over ${STEPS} steps\n`,
    );
    expect(last).toBeLessThan(0.6 * first);
    // float32 sums in different orders drift slowly over steps: 1e-3 relative plus 1e-3 absolute.
    gpu.forEach((loss, i) =>
      expect(Math.abs(loss - cpu[i])).toBeLessThanOrEqual(1e-3 + 1e-3 * Math.abs(cpu[i])),
    );
  });
});
