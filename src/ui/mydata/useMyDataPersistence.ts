// Reads the kept dataset when the page opens and keeps every change (a short pause after the last one),
// so a reload or a closed tab loses no example. A failed save is shown and the older copy stays.
import { useEffect } from 'react';
import { tr } from '../../i18n';
import { useStore } from '../store/store';
import { loadMyData, saveMyData } from './my-data-storage';

const SAVE_AFTER_MS = 300;

export function useMyDataPersistence(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let closed = false;
    loadMyData()
      .then((kept) => {
        if (closed) return;
        // The one the design reads, else any (a project opened later may bring another).
        const wanted = useStore.getState().spec.input.dataset;
        useStore.getState().setMyDataLoaded(kept.find((d) => d.id === wanted) ?? kept[0] ?? null);
      })
      .catch((error: unknown) => {
        if (closed) return;
        useStore.getState().setMyDataLoaded(null);
        useStore
          .getState()
          .setMyDataStorageError(tr('ui:myDataStorage.couldNotRead', { error: String(error) }));
      });
    const unsubscribe = useStore.subscribe((s, prev) => {
      if (s.myData === prev.myData || !s.myData || !s.myDataLoaded) return;
      clearTimeout(timer);
      const data = s.myData;
      timer = setTimeout(() => {
        saveMyData(data)
          .then(() => useStore.getState().setMyDataStorageError(null))
          .catch((error: unknown) =>
            useStore.getState().setMyDataStorageError(error instanceof Error ? error.message : String(error)),
          );
      }, SAVE_AFTER_MS);
    });
    return () => {
      closed = true;
      clearTimeout(timer);
      unsubscribe();
    };
  }, []);
}
