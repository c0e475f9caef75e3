// Opening a challenge: the learner sees it in the Challenge panel, and the locks the app can hold for
// them (the dataset, the epochs) are set at once; the others are checked when the result is made.
import type { Challenge } from '../../challenges/challenge';
import { useClassroom } from '../lessons/classroomStore';
import { useStore } from '../store/store';

export function openChallenge(challenge: Challenge): void {
  const app = useStore.getState();
  app.setDatasetOfSpec(challenge.dataset);
  if (challenge.locks?.epochs !== undefined) app.setHyper({ epochs: challenge.locks.epochs });
  useClassroom.getState().setChallenge(challenge);
  useClassroom.getState().openPanel('challenge');
}
