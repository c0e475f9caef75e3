// A diagram edit applied to the store as one undoable step (selecting the layer it made), or its refusal
// shown as a notice.
import { useStore } from '../../store/store';
import type { EditResult } from './edits';

export function commitEdit(result: EditResult): void {
  const s = useStore.getState();
  if (!result.ok) {
    s.setNotice(result.reason);
    return;
  }
  s.editSpec(result.spec);
  if (result.selected) s.selectLayer(result.selected);
}
