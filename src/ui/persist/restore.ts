// Puts the initial design into the store before the first render (link, autosave or LeNet-5), and the
// backend preference kept in this browser.
import { browserStorage, loadAutosave } from '../persistence/autosave';
import { loadBackendPreference } from '../persistence/backend-preference';
import { emptyHistory } from '../store/history';
import { useStore } from '../store/store';
import { initialDesign } from './designState';

export function restoreInitialDesign(): void {
  const linked = initialDesign(location.hash);
  // Read (and if need be quarantine) the autosave even when a link wins, so its notice is never lost.
  const saved = loadAutosave(browserStorage());
  const design = linked.source !== 'link' && saved.kind === 'restored' ? saved.design : linked;
  const notices = [
    linked.refused,
    saved.kind === 'quarantined' || saved.kind === 'unavailable' ? saved.notice : null,
  ];
  const store = useStore.getState();
  const { spec, hyper, discriminator } = design;
  const partner = discriminator
    ? { spec: discriminator, history: emptyHistory(), baseline: discriminator }
    : null;
  useStore.setState({
    spec,
    baseline: spec,
    hyper,
    partner,
    backendPreference: loadBackendPreference(browserStorage()),
  });
  if (notices.some(Boolean)) store.setNotice(notices.filter(Boolean).join(' '));
  // The link has been applied; from here on the autosave holds the design, so drop the fragment.
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
}
