// Starts the training worker for the page's lifetime and connects it to the store. The page calls it
// before React's first render, so the worker opens its backend and streams the dataset on the other core
// while the page renders, not after.
import { TrainerClient } from '../../training/client';
import { createTrainerWorker } from '../../training/create-worker';
import { useStore } from '../store/store';
import { bindTrainerEvents } from './bridge';
import { syncDesignToTrainer } from './sync';

/** Returns the function that stops the worker and unbinds it. */
export function startTrainer(): () => void {
  const client = new TrainerClient(createTrainerWorker, {
    backend: useStore.getState().backendPreference,
  });
  const unbind = bindTrainerEvents(client, useStore);
  useStore.getState().attachClient(client);
  const unsync = syncDesignToTrainer(client, useStore);
  // Fault injection for the e2e suite, present only when the page is opened with ?test-hooks.
  const hooks = new URLSearchParams(window.location.search).has('test-hooks');
  const w = window as Window & { __cnnTest?: { destroyDevice(): void } };
  if (hooks) w.__cnnTest = { destroyDevice: () => client.destroyDeviceForTest() };
  return () => {
    if (hooks) delete w.__cnnTest;
    unsync();
    unbind();
    useStore.getState().attachClient(null);
    client.dispose();
  };
}
