// Test support: the residual preset trained on real MNIST through TrainerCore, as the page would train it,
// with the learning rate lowered in steps towards the end (as a user would, and as the bench's 60-second
// run anneals): the seeded integration tests of issue 14 run it on WebGPU and on the CPU backend.
import { DEFAULT_HYPER } from '../../network/hyper';
import { presetSpec } from '../../network/presets';
import type { EventOf } from '../protocol';
import { createHarness } from './harness';

export const RESIDUAL_STEPS = 600;
/** Every this many steps the learning rate drops, linearly from LR towards LR / 10 over the run. */
const STAGE = 50;
const LR = 0.003;

export async function trainResidual(forceCpu: boolean): Promise<{
  evaluation: EventOf<'evaluation'>;
  backend: string;
  seconds: number;
  errors: unknown[];
}> {
  const h = createHarness({ reportEvery: 25 });
  await h.send({ type: 'init', forceCpu });
  const ready = await h.waitFor('ready');
  const hyper = { ...DEFAULT_HYPER, optimizer: 'adam' as const, lr: LR, batchSize: 64, epochs: 1, seed: 11 };
  await h.send({ type: 'setHyper', hyper });
  await h.send({ type: 'setSpec', spec: presetSpec('resnet-mini') });
  await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
  await h.waitFor('datasetReady');
  const t0 = performance.now();
  for (let i = 0; i < RESIDUAL_STEPS; i++) {
    if (i > 0 && i % STAGE === 0) {
      const lr = LR * (1 - (0.9 * i) / RESIDUAL_STEPS);
      await h.send({ type: 'setHyper', hyper: { ...hyper, lr } });
    }
    await h.send({ type: 'step' });
  }
  const seconds = (performance.now() - t0) / 1000;
  const from = h.events.length;
  await h.send({ type: 'evaluate' });
  const evaluation = await h.waitFor('evaluation', () => true, { from });
  const errors = h.of('error');
  await h.send({ type: 'dispose' });
  return { evaluation, backend: ready.backend, seconds, errors };
}
