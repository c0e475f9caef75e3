// Puts the initial design into the store before the first render: the autosave, or LeNet-5 on a first visit;
// a share link's design opens beside the autosaved one, which is kept in Designs (persistence/designs.ts);
// and the backend preference kept in this browser.
import { browserStorage, loadAutosave, type Design } from '../persistence/autosave';
import { openLinkBeside } from '../persistence/designs';
import { loadBackendPreference } from '../persistence/backend-preference';
import { emptyHistory } from '../store/history';
import type { StoreApi } from 'zustand';
import { useStore, type AppState } from '../store/store';
import { initialDesign } from './designState';

/** Makes `design` the open one, with a fresh undo history (undo never reaches into another design). */
export function putDesign(store: StoreApi<AppState>, { spec, hyper, discriminator }: Design): void {
  const partner = discriminator
    ? { spec: discriminator, history: emptyHistory(), baseline: discriminator }
    : null;
  store.setState({
    spec,
    baseline: spec,
    hyper,
    partner,
    history: emptyHistory(),
    selectedLayerId: null,
    lastEdit: null,
  });
}

export function restoreInitialDesign(): void {
  const storage = browserStorage();
  const linked = initialDesign(location.hash);
  // Read (and if need be quarantine) the autosave even when a link wins, so its notice is never lost.
  const saved = loadAutosave(storage);
  let design: Design = saved.kind === 'restored' ? saved.design : linked;
  let opened: string | null = null;
  if (linked.source === 'link') {
    const { source: _source, refused: _refused, ...link } = linked;
    ({ design, notice: opened } = openLinkBeside(storage, saved, link, new Date()));
  }
  const notices = [
    linked.refused,
    saved.kind === 'quarantined' || saved.kind === 'unavailable' ? saved.notice : null,
    opened,
  ];
  putDesign(useStore, design);
  useStore.setState({ backendPreference: loadBackendPreference(storage) });
  if (notices.some(Boolean)) useStore.getState().setNotice(notices.filter(Boolean).join(' '));
  // The link has been applied; from here on the autosave holds the design, so drop the fragment.
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
}
