// The design reaches the worker when what trains changes, not when a diagram node is moved: over a real
// TrainerClient and in-process worker, with the client's setSpec observed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { presetSpec } from '../../network/presets';
import { TrainerClient } from '../../training/client';
import { inProcessWorker } from '../../training/testing/in-process-worker';
import { createAppStore } from '../store/store';
import { syncDesignToTrainer, trainedSpec } from './sync';

let client: TrainerClient | null = null;
afterEach(() => client?.dispose());

describe('syncDesignToTrainer', () => {
  it('sends the design without its layout, and not again when only the layout changes', () => {
    client = new TrainerClient(inProcessWorker({ gpu: null, fetch: () => new Promise(() => {}) }), {
      forceCpu: true,
    });
    const setSpec = vi.spyOn(client, 'setSpec');
    const store = createAppStore();
    store.getState().loadSpec(presetSpec('tiny-cnn'));
    const unsync = syncDesignToTrainer(client, store);
    expect(setSpec).toHaveBeenCalledTimes(1);
    const spec = store.getState().spec;
    store.getState().editSpec({ ...spec, layout: { conv1: { x: 300, y: 40 } } });
    expect(setSpec).toHaveBeenCalledTimes(1);
    store.getState().removeLayer('relu2');
    expect(setSpec).toHaveBeenCalledTimes(2);
    const sent = setSpec.mock.calls[1][0];
    expect('layout' in sent).toBe(false);
    expect(sent.layers.map((l) => l.id)).not.toContain('relu2');
    expect(trainedSpec(store.getState().spec)).toEqual(sent);
    unsync();
  });
});
