import { describe, expect, it } from 'vitest';
import { presetSpec } from '../../network/presets';
import { TrainerClient } from '../../training/client';
import { createAppStore } from '../store/store';
import { trainBlockedReason } from './train-gate';

describe('the train gate', () => {
  it('opens once the backend is up and a batch of training images is in, before the whole dataset', () => {
    const store = createAppStore();
    const s = store.getState;
    s().loadSpec(presetSpec('lenet-5'));
    // A client whose worker end nobody answers: the worker's events are played below as the store's actions.
    const channel = new MessageChannel();
    const client = new TrainerClient(channel.port1);
    s().attachClient(client);
    s().datasetLoading('mnist');
    // Fewer training images than a batch (64): a run would have nothing to take.
    s().datasetProgress(100, 70_000, 50);
    expect(trainBlockedReason(s())).toBe('The trainer is starting…');
    s().setBackend('cpu');
    expect(trainBlockedReason(s())).toBe('Waiting for the dataset to load…');
    s().datasetProgress(1_000, 70_000, 1_000);
    expect(trainBlockedReason(s())).toBeNull();
    s().datasetReady(60_000, 10_000, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(trainBlockedReason(s())).toBeNull();
    s().datasetFailed('the file is cut short');
    expect(trainBlockedReason(s())).toBe('Waiting for the dataset to load…');
    client.dispose();
    channel.port2.close();
  });
});
