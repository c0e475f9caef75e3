// The learner's side of a challenge: the goal, the locks and the deadline, what is still unmet (live
// from the app's state), and once the goal is met, the result file to hand in.
import { tr } from '../../i18n';
import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { describeGoal, describeLocks, unmet } from '../../challenges/goal';
import { analysisOf } from '../builder/useAnalysis';
import { useClassroom } from '../lessons/classroom-store';
import { useStore } from '../store/store';
import { handIn } from './hand-in';

export function ChallengePanel() {
  const { t } = useTranslation();
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
        <h2>{t('challengePanel.challenge')}</h2>
        <p>{t('challengePanel.openTheChallengeLink')}</p>
      </div>
    );
  const hand = async () => {
    setBusy(true);
    const { setNotice } = useStore.getState();
    try {
      setNotice(await handIn(useStore, challenge, learner, useClassroom.getState().trainingMs));
    } catch (error) {
      setNotice(
        tr('ui:challengePanel.notHandedIn', {
          value: error instanceof Error ? error.message : String(error),
        }),
      );
    } finally {
      setBusy(false);
    }
  };
  const open = missing === '' ? [] : missing.split('\n');
  return (
    <div className="challenge-panel">
      <h2>{t('challengePanel.challenge2', { title: challenge.title })}</h2>
      <div className="challenge-goal" data-testid="challenge-goal">
        <p>
          <strong>{t('challengePanel.goal')}</strong> {describeGoal(challenge)}
        </p>
        {describeLocks(challenge).map((lock) => (
          <p key={lock}>
            <strong>{t('challengePanel.lock')}</strong> {lock}
          </p>
        ))}
        {challenge.deadline && (
          <p>
            <strong>{t('challengePanel.deadline')}</strong> {challenge.deadline}
          </p>
        )}
      </div>
      {open.length > 0 ? (
        <>
          <p>{t('challengePanel.stillToDo')}</p>
          <ul data-testid="challenge-unmet">
            {open.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </>
      ) : (
        <div data-testid="challenge-met">
          <p className="lesson-check met">{t('challengePanel.goalMetHandIn')}</p>
          <label className="lesson-field">
            {t('challengePanel.yourName')}
            <input value={learner} maxLength={80} onChange={(e) => setLearner(e.target.value)} />
          </label>
          <button type="button" className="primary" disabled={busy} onClick={() => void hand()}>
            {t('challengePanel.downloadResultFile')}
          </button>
        </div>
      )}
    </div>
  );
}
