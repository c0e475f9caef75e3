// On load: a lesson link (`?lesson=&step=`) opens the Lessons panel at that step, a challenge link opens
// the Challenge panel with its locks applied; the progress kept in this browser is read; the generative
// and dense runs' steps (and the judge's score) are followed for the lessons that watch them, and
// training time for the challenge's result.
import { useEffect } from 'react';
import { challengeFromQuery } from '../../challenges/challenge';
import { lessonById } from '../../lessons/catalog';
import { placeFromQuery } from '../../lessons/link';
import { useStore } from '../store/store';
import { useClassroom } from './classroomStore';
import { followDense, followGenerative } from './followRuns';
import { loadProgress } from './progress';
import { openChallenge } from '../challenges/openChallenge';

export function useClassroomLinks(): void {
  useEffect(() => {
    const place = placeFromQuery(location.search, lessonById);
    if (place) useClassroom.getState().goTo(place);
    const linked = challengeFromQuery(location.search);
    if (linked?.ok) openChallenge(linked.challenge);
    else if (linked) useStore.getState().setNotice(`Challenge not opened: ${linked.error}.`);
    void loadProgress().then((progress) => useClassroom.getState().setProgress(progress));
  }, []);
  useEffect(
    () =>
      useStore.subscribe((s, prev) => {
        if (s.trainerState !== prev.trainerState)
          useClassroom.getState().trainerStateChanged(s.trainerState, performance.now());
      }),
    [],
  );
  const client = useStore((s) => s.client);
  useEffect(
    () =>
      client?.on('generative', ({ event }) => {
        const { setGenerative, generative } = useClassroom.getState();
        const next = followGenerative(generative, event);
        if (next !== generative) setGenerative(next);
      }),
    [client],
  );
  useEffect(
    () =>
      client?.on('dense', ({ event }) => {
        const { setDense, dense } = useClassroom.getState();
        const next = followDense(dense, event);
        if (next !== dense) setDense(next);
      }),
    [client],
  );
}
