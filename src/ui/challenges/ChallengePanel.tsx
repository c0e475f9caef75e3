// The learner's side of a challenge: the goal, the locks and the deadline, what is still unmet (live
// from the app's state), and once the goal is met, the result file to hand in.
import { useState } from 'react';
import { describeGoal, describeLocks, unmet } from '../../challenges/goal';
import { analysisOf } from '../builder/useAnalysis';
import { useClassroom } from '../lessons/classroomStore';
import { useStore } from '../store/store';
import { handIn } from './handIn';

export function ChallengePanel() {
  const challenge = useClassroom((s) => s.challenge);
  const [learner, setLearner] = useState('');
  const [busy, setBusy] = useState(false);
  const missing = useStore((s) =>
    challenge
      ? unmet(challenge, {
          spec: s.spec,
          hyper: s.hyper,
          params: analysisOf(s.spec).totalParams,
          testAccuracy: s.evaluation?.testAccuracy ?? null,
        }).join('\n')
      : '',
  );
  if (!challenge)
    return (
      <div className="challenge-panel">
        <h2>Challenge</h2>
        <p>Open the challenge link your teacher gave you, or make one in the Teacher view.</p>
      </div>
    );
  const hand = async () => {
    setBusy(true);
    const { setNotice } = useStore.getState();
    try {
      setNotice(await handIn(useStore, challenge, learner, useClassroom.getState().trainingMs));
    } catch (error) {
      setNotice(`Not handed in: ${error instanceof Error ? error.message : String(error)}.`);
    } finally {
      setBusy(false);
    }
  };
  const open = missing === '' ? [] : missing.split('\n');
  return (
    <div className="challenge-panel">
      <h2>Challenge: {challenge.title}</h2>
      <div className="challenge-goal" data-testid="challenge-goal">
        <p>
          <strong>Goal:</strong> {describeGoal(challenge)}
        </p>
        {describeLocks(challenge).map((lock) => (
          <p key={lock}>
            <strong>Lock:</strong> {lock}
          </p>
        ))}
        {challenge.deadline && (
          <p>
            <strong>Deadline:</strong> {challenge.deadline}
          </p>
        )}
      </div>
      {open.length > 0 ? (
        <>
          <p>Still to do:</p>
          <ul data-testid="challenge-unmet">
            {open.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </>
      ) : (
        <div data-testid="challenge-met">
          <p className="lesson-check met">✓ Goal met. Hand in your result.</p>
          <label className="lesson-field">
            Your name
            <input value={learner} maxLength={80} onChange={(e) => setLearner(e.target.value)} />
          </label>
          <button type="button" className="primary" disabled={busy} onClick={() => void hand()}>
            Download result file
          </button>
        </div>
      )}
    </div>
  );
}
