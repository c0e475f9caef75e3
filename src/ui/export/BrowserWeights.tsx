// The header's "Kept weights" menu: keep the trained weights in this browser under a name, and load or
// delete weights kept before. Every control has an accessible name; the outcome is said in the notice bar.
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
} from './browserWeightsActions';
import { Disclosure } from './FileMenus';
import './browser-weights.css';

let opened: WeightsStore | null = null;
// Opened on first use: a browser without IndexedDB only hears about it when it asks to keep weights.
const kept = () => (opened ??= openWeightsStore());

function KeptPanel() {
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

  // One action at a time; focus returns to the Keep button, since the pressed button may be gone.
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
      await refresh();
    } finally {
      setBusy(false);
      keepButton.current?.focus();
    }
  };

  return (
    <div className="kept-weights">
      <label htmlFor={nameId}>Name (optional)</label>
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
        disabled={busy}
        aria-busy={busy}
        onClick={() => void run(() => keepWeights(useStore, kept(), name).then((e) => e && setName('')))}
      >
        Keep weights in this browser
      </button>
      {entries !== null && entries.length === 0 && <p className="kept-weights-empty">No weights kept yet.</p>}
      {entries !== null && entries.length > 0 && (
        <ul aria-label="Kept weights" className="kept-weights-list">
          {entries.map((entry) => (
            <li key={entry.name}>
              <span className="kept-weights-name">{entry.name}</span>
              <span className="kept-weights-meta">
                {megabytes(entry.bytes)}, {entry.savedAt.slice(0, 10)}
              </span>
              <button
                type="button"
                disabled={busy}
                aria-label={`Load kept weights ${entry.name}`}
                onClick={() => void run(() => loadKeptWeights(useStore, kept(), entry.name))}
              >
                Load
              </button>
              <button
                type="button"
                disabled={busy}
                aria-label={`Delete kept weights ${entry.name}`}
                onClick={() => void run(() => deleteKeptWeights(useStore, kept(), entry.name))}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function BrowserWeights() {
  return <Disclosure label="Kept weights">{() => <KeptPanel />}</Disclosure>;
}
