// An open challenge's locks while the learner works, whichever panel is open: the locks the app can hold
// (the dataset, the epochs) are put back at once when changed, with a notice saying why; the others (the
// layer kinds, no unchanged preset) are shown as broken, with what to do, as soon as the design breaks them.
import { useEffect } from 'react';
import type { Challenge } from '../../challenges/challenge';
import { brokenLocks } from '../../challenges/goal';
import { useClassroom } from '../lessons/classroomStore';
import { useStore, type AppState } from '../store/store';

/** Puts a held lock back when the app's state leaves it; returns the notice to show, or null. */
function holdLocks(challenge: Challenge, s: AppState): string | null {
  const epochs = challenge.locks?.epochs;
  if (epochs !== undefined && s.hyper.epochs !== epochs) {
    s.setHyper({ epochs });
    return `The challenge locks the epochs at ${epochs}: put back from ${s.hyper.epochs}.`;
  }
  if (s.spec.input.dataset !== challenge.dataset) {
    s.setDatasetOfSpec(challenge.dataset);
    return `The challenge is on ${challenge.dataset}: the dataset is put back.`;
  }
  return null;
}

export function ChallengeLocks() {
  const challenge = useClassroom((s) => s.challenge);
  useEffect(() => {
    if (!challenge) return;
    const hold = (s: AppState) => {
      const notice = holdLocks(challenge, s);
      if (notice) s.setNotice(notice);
    };
    hold(useStore.getState());
    return useStore.subscribe(hold);
  }, [challenge]);
  const broken = useStore((s) =>
    challenge ? brokenLocks(challenge, { spec: s.spec, hyper: s.hyper }).join('\n') : '',
  );
  if (!challenge) return null;
  return broken ? (
    <p className="challenge-locks broken" role="alert" data-testid="challenge-locks">
      Challenge lock broken: {broken.split('\n').join('; ')}. A result cannot be handed in until this is
      fixed.
    </p>
  ) : (
    <p className="challenge-locks" role="status" data-testid="challenge-locks">
      Challenge “{challenge.title}”: every lock holds.
    </p>
  );
}
