// Saves the design and hyperparameters to localStorage shortly after each change.
import { useEffect } from 'react';
import { useStore } from '../store/store';
import { AUTOSAVE_KEY, encodeDesign } from './designState';

const DELAY_MS = 300;

export function useAutosave(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = useStore.subscribe((s, prev) => {
      if (s.spec === prev.spec && s.hyper === prev.hyper) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        const text = encodeDesign(s.spec, s.hyper);
        try {
          if (text !== null) localStorage.setItem(AUTOSAVE_KEY, text);
        } catch {
          useStore
            .getState()
            .setNotice('The design could not be saved in this browser (storage is full or blocked).');
        }
      }, DELAY_MS);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, []);
}
