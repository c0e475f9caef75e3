// Puts the initial design into the store before the first render (link, autosave or LeNet-5).
import { useStore } from '../store/store';
import { AUTOSAVE_KEY, initialDesign } from './designState';

function readSaved(): string | null {
  try {
    return localStorage.getItem(AUTOSAVE_KEY);
  } catch {
    return null;
  }
}

export function restoreInitialDesign(): void {
  const design = initialDesign(location.hash, readSaved());
  const store = useStore.getState();
  useStore.setState({ spec: design.spec, baseline: design.spec, hyper: design.hyper });
  if (design.refused) store.setNotice(design.refused);
  // The link has been applied; from here on the autosave holds the design, so drop the fragment.
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
}
