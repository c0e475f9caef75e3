// The teacher's side: make a challenge link, import the result files handed in, re-evaluate each one's
// design and weights in this browser, and rank them; a result that does not hold up is flagged with why.
import { useState } from 'react';
import { rank, reevaluationFlags, type Entry } from '../../challenges/leaderboard';
import { MAX_RESULT_CHARS, readResult, type ReadResult } from '../../challenges/result';
import { useStore } from '../store/store';
import { MakeChallenge } from './MakeChallenge';
import { reevaluate } from './reevaluate';

interface Imported extends Entry {
  read: ReadResult;
}

const percent = (x: number) => `${(x * 100).toFixed(2)}%`;

export function TeacherView() {
  const [entries, setEntries] = useState<Imported[]>([]);
  const [refused, setRefused] = useState<string[]>([]);
  const [busy, setBusy] = useState<string | null>(null);

  const importFiles = async (files: FileList | null) => {
    if (!files) return;
    const added: Imported[] = [];
    const bad: string[] = [];
    for (const file of Array.from(files)) {
      const name = file.name.slice(0, 80);
      if (file.size > MAX_RESULT_CHARS) {
        bad.push(`${name}: too large to be a result file`);
        continue;
      }
      const read = await readResult(await file.text());
      if (!read.ok) {
        bad.push(`${name}: ${read.error}`);
        continue;
      }
      const { result, problems } = read.read;
      added.push({
        key: `${name}#${result.digest}`,
        learner: result.learner,
        metrics: result.metrics,
        reevaluated: null,
        flags: problems,
        read: read.read,
      });
    }
    setRefused(bad);
    setEntries((old) => [...old.filter((o) => !added.some((a) => a.key === o.key)), ...added]);
  };

  const reevaluateAll = async () => {
    for (const entry of entries) {
      if (entry.reevaluated !== null) continue;
      setBusy(entry.learner);
      let update: Partial<Imported>;
      try {
        const measured = await reevaluate(useStore, entry.read);
        const goal = entry.read.result.challenge.goal.minTestAccuracy;
        update = {
          reevaluated: measured,
          flags: [...entry.flags, ...reevaluationFlags(entry.metrics.testAccuracy, measured, goal)],
        };
      } catch (error) {
        update = {
          flags: [
            ...entry.flags,
            `could not be re-evaluated: ${error instanceof Error ? error.message : String(error)}`,
          ],
        };
      }
      setEntries((old) => old.map((o) => (o.key === entry.key ? { ...o, ...update } : o)));
    }
    setBusy(null);
  };

  const ranked = rank(entries) as Imported[];
  return (
    <div className="teacher-view">
      <h2>Teacher view</h2>
      <MakeChallenge />
      <h3>Results handed in</h3>
      <label className="lesson-field">
        Import result files
        <input
          type="file"
          multiple
          accept=".json,application/json"
          onChange={(e) => void importFiles(e.target.files)}
        />
      </label>
      {refused.length > 0 && (
        <ul role="alert" data-testid="refused-results">
          {refused.map((r) => (
            <li key={r}>Not imported: {r}</li>
          ))}
        </ul>
      )}
      {entries.length > 0 && (
        <>
          <button type="button" disabled={busy !== null} onClick={() => void reevaluateAll()}>
            {busy ? `Re-evaluating ${busy}…` : 'Re-evaluate all'}
          </button>
          <div className="leaderboard-scroll">
            <table className="leaderboard" data-testid="leaderboard">
              <thead>
                <tr>
                  <th>#</th>
                  <th>Learner</th>
                  <th>Accuracy (claimed)</th>
                  <th>Re-evaluated</th>
                  <th>Parameters</th>
                  <th>Time</th>
                  <th>Check</th>
                </tr>
              </thead>
              <tbody>
                {ranked.map((e, i) => (
                  <tr
                    key={e.key}
                    className={e.flags.length ? 'flagged' : undefined}
                    data-flagged={e.flags.length > 0}
                  >
                    <td>{i + 1}</td>
                    <td>{e.learner}</td>
                    <td>{percent(e.metrics.testAccuracy)}</td>
                    <td data-testid="reevaluated">{e.reevaluated === null ? '—' : percent(e.reevaluated)}</td>
                    <td>{e.metrics.params.toLocaleString('en')}</td>
                    <td>{e.metrics.trainSeconds.toFixed(1)} s</td>
                    <td data-testid="result-check">
                      {e.flags.length
                        ? `⚠ ${e.flags.join('; ')}`
                        : e.reevaluated === null
                          ? 'not re-evaluated yet'
                          : '✓ reproduces'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
