import { describe, expect, it } from 'vitest';
import type { TrainerBackend } from './backend';
import { explainedByLoss, LOSS_NOTICE_MS } from './loss-explains';

/** A backend whose device is lost after `ms`, and whose loss handler starts the recovery. */
function losing(ms: number, state: { recovering: boolean }): TrainerBackend {
  const deviceLost = new Promise<void>((resolve) => setTimeout(resolve, ms)).then(() => {
    state.recovering = true;
  });
  return { deviceLost } as unknown as TrainerBackend;
}

describe('explainedByLoss', () => {
  it('explains a failure whose device loss is reported a moment after it', async () => {
    const state = { recovering: false };
    const backend = losing(20, state);
    expect(await explainedByLoss(backend, () => state.recovering)).toBe(true);
  });

  it('explains a failure during a recovery at once', async () => {
    expect(await explainedByLoss(null, () => true)).toBe(true);
  });

  it('does not explain a failure when the device stays', async () => {
    const state = { recovering: false };
    const backend = losing(LOSS_NOTICE_MS * 4, state);
    expect(await explainedByLoss(backend, () => state.recovering)).toBe(false);
  });

  it('does not explain a failure on a backend without a device', async () => {
    expect(await explainedByLoss({} as TrainerBackend, () => false)).toBe(false);
  });
});
