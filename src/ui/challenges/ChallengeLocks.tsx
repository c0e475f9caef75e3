// An open challenge's locks while the learner works, whichever panel is open: the locks the app can hold
// (the dataset, the epochs) are put back at once when changed, with a notice saying why; the others (the
// layer kinds, no unchanged preset) are shown as broken, with what to do, as soon as the design breaks them.
import { useEffect } from 'react';
import { brokenLocks, heldLockBroken } from '../../challenges/goal';
import { useClassroom } from '../lessons/classroomStore';
import { useStore, type AppState } from '../store/store';

export function ChallengeLocks() {
  const challenge = useClassroom((s) => s.challenge);
  useEffect(() => {
    if (!challenge) return;
    const hold = (s: AppState) => {
      const held = heldLockBroken(challenge, s);
      if (!held) return;
      if ('epochs' in held) s.setHyper({ epochs: held.epochs });
      else s.setDatasetOfSpec(held.dataset);
      s.setNotice(held.notice);
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
