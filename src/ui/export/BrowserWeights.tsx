// The header's "Kept weights" menu: keep the trained weights in this browser under a name, and load or
// delete weights kept before. Every control has an accessible name; the outcome is said in the notice bar.
import { useTranslation } from 'react-i18next';
import { useEffect, useId, useRef, useState } from 'react';
import { openWeightsStore, type WeightsEntry, type WeightsStore } from '../persistence/weights';
import { useStore } from '../store/store';
import {
  deleteKeptWeights,
  keepWeights,
  keptName,
  listKeptWeights,
  loadKeptWeights,
  megabytes,
} from './browser-weights-actions';
import { Disclosure } from './FileMenus';
import './browser-weights.css';

let opened: WeightsStore | null = null;
// Opened on first use: a browser without IndexedDB only hears about it when it asks to keep weights.
const kept = () => (opened ??= openWeightsStore());

function KeptPanel() {
  const { t } = useTranslation();
  const spec = useStore((s) => s.spec);
  const nameId = useId();
  const [name, setName] = useState('');
  const [entries, setEntries] = useState<WeightsEntry[] | null>(null);
  const [busy, setBusy] = useState(false);
  const keepButton = useRef<HTMLButtonElement>(null);

  const refresh = async () => setEntries(await listKeptWeights(useStore, kept()));
  useEffect(() => {
    let live = true; // the menu may close before the list arrives
    void listKeptWeights(useStore, kept()).then((list) => live && setEntries(list));
    return () => {
      live = false;
    };
  }, []);

  // One action at a time. Buttons are aria-disabled rather than disabled while one runs: a disabled button
  // drops focus, which would close the menu. Focus returns to the Keep button.
  const running = useRef(false);
  const run = async (action: () => Promise<unknown>) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    try {
      await action();
      // Before the list changes, so a removed entry's button never holds the focus.
      keepButton.current?.focus();
      await refresh();
    } finally {
      running.current = false;
      setBusy(false);
    }
  };

  return (
    <div className="kept-weights">
      <label htmlFor={nameId}>{t('browserWeights.nameOptional')}</label>
      <input
        id={nameId}
        type="text"
        maxLength={100}
        value={name}
        placeholder={keptName(spec, new Date())}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <button
        ref={keepButton}
        type="button"
        aria-disabled={busy}
        aria-busy={busy}
        onClick={() => void run(() => keepWeights(useStore, kept(), name).then((e) => e && setName('')))}
      >
        {t('browserWeights.keepWeightsInThis')}
      </button>
      {entries !== null && entries.length === 0 && (
        <p className="kept-weights-empty">{t('browserWeights.noWeightsKeptYet')}</p>
      )}
      {entries !== null && entries.length > 0 && (
        <ul aria-label={t('browserWeights.keptWeights')} className="kept-weights-list">
          {entries.map((entry) => (
            <li key={entry.name}>
              <span className="kept-weights-name">{entry.name}</span>
              <span className="kept-weights-meta">
                {megabytes(entry.bytes)}, {entry.savedAt.slice(0, 10)}
              </span>
              <button
                type="button"
                aria-disabled={busy}
                aria-label={t('browserWeights.loadKeptWeights', { name: entry.name })}
                onClick={() => void run(() => loadKeptWeights(useStore, kept(), entry.name))}
              >
                {t('browserWeights.load')}
              </button>
              <button
                type="button"
                aria-disabled={busy}
                aria-label={t('browserWeights.deleteKeptWeights', { name: entry.name })}
                onClick={() => void run(() => deleteKeptWeights(useStore, kept(), entry.name))}
              >
                {t('browserWeights.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function BrowserWeights() {
  const { t } = useTranslation();
  return <Disclosure label={t('browserWeights.keptWeights')}>{() => <KeptPanel />}</Disclosure>;
}
