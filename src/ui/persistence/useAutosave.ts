// Saves the design and hyperparameters to localStorage shortly after each change (persistence/autosave),
// and at once when the page is hidden or unloaded, so a reload right after an edit keeps it.
import { useEffect } from 'react';
import { savedDesign } from '../store/network-slice';
import { useStore } from '../store/store';
import { browserStorage, saveAutosave, type Design } from './autosave';

const DELAY_MS = 300;

export function useAutosave(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let pending: Design | null = null;
    let lastFailure: string | null = null;
    const flush = () => {
      clearTimeout(timer);
      if (!pending) return;
      const saved = saveAutosave(browserStorage(), pending);
      pending = null;
      // Say why saving fails once, not after every edit, and take the notice back once a save succeeds.
      const { notice, setNotice } = useStore.getState();
      if (!saved.ok && saved.notice !== lastFailure) setNotice(saved.notice);
      if (saved.ok && lastFailure !== null && notice === lastFailure) setNotice(null);
      lastFailure = saved.ok ? null : saved.notice;
    };
    const unsubscribe = useStore.subscribe((s, prev) => {
      if (s.spec === prev.spec && s.hyper === prev.hyper && s.partner === prev.partner) return;
      pending = { ...savedDesign(s), hyper: s.hyper };
      clearTimeout(timer);
      timer = setTimeout(flush, DELAY_MS);
    });
    addEventListener('pagehide', flush);
    return () => {
      flush();
      removeEventListener('pagehide', flush);
      unsubscribe();
    };
  }, []);
}
