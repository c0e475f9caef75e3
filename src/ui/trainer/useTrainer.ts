// Starts the training worker for the page's lifetime and connects it to the store.
import { useEffect } from 'react';
import { TrainerClient } from '../../training/client';
import { createTrainerWorker } from '../../training/create-worker';
import { useStore } from '../store/store';
import { bindTrainerEvents } from './bridge';
import { syncDesignToTrainer } from './sync';

export function useTrainer(): void {
  useEffect(() => {
    const client = new TrainerClient(createTrainerWorker);
    const unbind = bindTrainerEvents(client, useStore);
    useStore.getState().attachClient(client);
    const unsync = syncDesignToTrainer(client, useStore);
    return () => {
      unsync();
      unbind();
      useStore.getState().attachClient(null);
      client.dispose();
    };
  }, []);
}
