// The bridge from worker events to the store, over a real TrainerClient and MessageChannel: a `notice`
// from the trainer (e.g. one run paused so that another could start) reaches the notice bar's state.
import { afterEach, describe, expect, it } from 'vitest';
import { TrainerClient } from '../../training/client';
import { inProcessWorker } from '../../training/testing/in-process-worker';
import { createAppStore } from '../store/store';
import { bindTrainerEvents } from './bridge';

let client: TrainerClient | null = null;
afterEach(() => client?.dispose());

describe('bindTrainerEvents', () => {
  it("shows the trainer's notices in the notice bar", async () => {
    const worker = inProcessWorker({ gpu: null });
    client = new TrainerClient(worker, { forceCpu: true });
    const store = createAppStore();
    const unbind = bindTrainerEvents(client, store);
    const message = "The classifier's training was paused: the GAN started training.";
    const shown = new Promise<void>((resolve) => {
      const off = store.subscribe((s) => s.notice === message && (off(), resolve()));
    });
    worker.core.emit({ type: 'notice', message });
    await shown;
    expect(store.getState().notice).toBe(message);
    unbind();
  });
});
