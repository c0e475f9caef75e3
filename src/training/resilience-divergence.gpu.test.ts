// Issue 10, divergence: a learning rate of 1000 drives the loss to NaN or Inf; the trainer notices at the
// first report after the first bad step (never later), pauses with a message that says what happened and
// what to try, keeps finite weights, and Reset starts a healthy run.
import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER, type Hyperparams } from '../network/hyper';
import { presetSpec } from '../network/presets';
import { createHarness, type Harness } from './testing/harness';

const WILD: Hyperparams = {
  ...DEFAULT_HYPER,
  optimizer: 'sgd',
  lr: 1000,
  momentum: 0.9,
  batchSize: 32,
  seed: 8,
};

async function divergingRun(reportEvery: number): Promise<{ h: Harness; step: number; message: string }> {
  const h = createHarness({ reportEvery });
  await h.send({ type: 'init' });
  expect((await h.waitFor('ready')).backend).toBe('webgpu');
  await h.send({ type: 'setHyper', hyper: WILD });
  await h.send({ type: 'setSpec', spec: presetSpec('mlp') });
  await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
  await h.waitFor('datasetReady');
  await h.send({ type: 'start' });
  const { step, message } = await h.waitFor('diverged', () => true, { timeoutMs: 90_000 });
  return { h, step, message };
}

describe('divergence on WebGPU', () => {
  it('is caught at the first report after the first non-finite step, and training stops there', async () => {
    // Seeded runs repeat exactly: a report after every step finds the first bad step itself.
    const exact = await divergingRun(1);
    const first = exact.step;
    await exact.h.send({ type: 'dispose' });

    const R = 4;
    const { h, step, message } = await divergingRun(R);
    expect(step).toBe(Math.ceil(first / R) * R);
    expect(message).toMatch(
      /^The loss became (NaN|infinite) at step \d+: the learning rate 1000 is too high\./,
    );
    expect(message).toMatch(/Lower it \(try 0\.01\) and press Reset\.$/);
    // No report before it showed a non-finite loss to the user.
    for (const m of h.of('metrics')) expect(Number.isFinite(m.trainLoss)).toBe(true);
    await h.waitFor('state', (s) => s.state === 'diverged');
    expect(h.of('state').at(-1)).toEqual({ type: 'state', state: 'diverged', reason: message });
    const stoppedAt = h.core.step;
    await new Promise((r) => setTimeout(r, 500));
    expect(h.core.step).toBe(stoppedAt);
    // The weights kept are the last finite ones.
    const weights = await h.core.backend!.readState();
    expect(weights.params.every(Number.isFinite)).toBe(true);

    await h.send({ type: 'setHyper', hyper: { ...WILD, lr: 0.01 } });
    await h.send({ type: 'reset' });
    expect(h.core.state).toBe('idle');
    const from = h.events.length;
    await h.send({ type: 'start' });
    const healthy = await h.waitFor('metrics', (m) => m.step >= 3 * R, { from });
    await h.send({ type: 'pause' });
    expect(
      h
        .of('metrics')
        .slice(-3)
        .every((m) => Number.isFinite(m.trainLoss)),
    ).toBe(true);
    expect(healthy.trainLoss).toBeLessThan(2.5);
    expect(h.of('diverged')).toHaveLength(1);
    expect(h.of('error')).toEqual([]);
    await h.send({ type: 'dispose' });
  });
});
