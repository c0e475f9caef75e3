// Page-wide keys: Space trains or pauses; Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z or Ctrl+Y redoes.
// Keys typed into a control (a field, a button, a drag handle) are left to that control.
import { useEffect } from 'react';
import { tr } from '../../i18n';
import { useStore } from '../store/store';
import { trainBlockedReason } from '../training/train-gate';

const INTERACTIVE = 'input, select, textarea, button, [contenteditable], [role="slider"], dialog';

export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || (e.target instanceof Element && e.target.closest(INTERACTIVE))) return;
      const s = useStore.getState();
      const mod = e.ctrlKey || e.metaKey;
      if (e.key === ' ' && !mod) {
        // Space does what the Train / Pause button does; where Train is disabled it says why instead.
        const refused = s.trainerState === 'training' ? null : trainBlockedReason(s);
        if (s.trainerState === 'training') s.pause();
        else if (refused) s.setNotice(tr('ui:useShortcuts.spaceRefused', { reason: refused }));
        else s.train();
      } else if (mod && e.key.toLowerCase() === 'z') {
        if (e.shiftKey) s.redo();
        else s.undo();
      } else if (mod && e.key.toLowerCase() === 'y') s.redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
