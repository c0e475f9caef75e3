// The teacher's form for a challenge link: dataset, goal, locks and deadline text; the link carries it all.
import { useState } from 'react';
import { challengeLink, parseChallenge } from '../../challenges/challenge';
import { LAYER_KINDS } from '../../network/spec';

export function MakeChallenge() {
  const [title, setTitle] = useState('Small and accurate');
  const [dataset, setDataset] = useState<'mnist' | 'fashion-mnist'>('mnist');
  const [accuracy, setAccuracy] = useState(98);
  const [maxParams, setMaxParams] = useState('20000');
  const [epochs, setEpochs] = useState('');
  const [noPreset, setNoPreset] = useState(false);
  const [kinds, setKinds] = useState('');
  const [deadline, setDeadline] = useState('');
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const make = () => {
    const allowed = kinds
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean);
    const parsed = parseChallenge({
      format: 'cnn-playground-challenge/1',
      title,
      dataset,
      goal: {
        minTestAccuracy: accuracy / 100,
        ...(maxParams.trim() ? { maxParams: Number(maxParams) } : {}),
      },
      locks: {
        ...(epochs.trim() ? { epochs: Number(epochs) } : {}),
        ...(noPreset ? { noPreset } : {}),
        ...(allowed.length ? { allowedKinds: allowed } : {}),
      },
      ...(deadline.trim() ? { deadline } : {}),
    });
    if (!parsed.ok) {
      setError(`No link made: ${parsed.error}.`);
      setLink(null);
      return;
    }
    setError(null);
    setLink(challengeLink(location.href, parsed.challenge));
  };
  return (
    <fieldset className="make-challenge">
      <legend>Make a challenge</legend>
      <label className="lesson-field">
        Title
        <input value={title} maxLength={100} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label className="lesson-field">
        Dataset
        <select
          value={dataset}
          onChange={(e) => setDataset(e.target.value === 'fashion-mnist' ? 'fashion-mnist' : 'mnist')}
        >
          <option value="mnist">MNIST</option>
          <option value="fashion-mnist">Fashion-MNIST</option>
        </select>
      </label>
      <label className="lesson-field">
        Minimum test accuracy (%)
        <input
          type="number"
          min={0}
          max={100}
          step="any"
          value={accuracy}
          onChange={(e) => setAccuracy(Number(e.target.value))}
        />
      </label>
      <label className="lesson-field">
        Maximum parameters
        <input type="number" min={1} value={maxParams} onChange={(e) => setMaxParams(e.target.value)} />
      </label>
      <label className="lesson-field">
        Fixed epochs
        <input type="number" min={1} max={100} value={epochs} onChange={(e) => setEpochs(e.target.value)} />
      </label>
      <label>
        <input type="checkbox" checked={noPreset} onChange={(e) => setNoPreset(e.target.checked)} /> No
        unchanged preset
      </label>
      <label className="lesson-field">
        Allowed layer kinds (comma-separated; empty: all)
        <input
          value={kinds}
          placeholder={LAYER_KINDS.slice(0, 4).join(', ')}
          onChange={(e) => setKinds(e.target.value)}
        />
      </label>
      <label className="lesson-field">
        Deadline
        <input
          value={deadline}
          maxLength={100}
          placeholder="Friday 17:00"
          onChange={(e) => setDeadline(e.target.value)}
        />
      </label>
      <button type="button" onClick={make}>
        Make challenge link
      </button>
      {error && <p role="alert">{error}</p>}
      {link && (
        <p>
          <input
            readOnly
            aria-label="Challenge link"
            value={link}
            onFocus={(e) => e.currentTarget.select()}
          />{' '}
          <a href={link}>Open it</a>
        </p>
      )}
    </fieldset>
  );
}
