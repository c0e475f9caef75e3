// The app as the lesson checks see it: a plain LessonView built from the app's store and the classroom's.
import type { LessonView } from '../../lessons/checks';
import { analysisOf } from '../builder/useAnalysis';
import type { AppState } from '../store/store';
import type { ClassroomState } from './classroomStore';

export function lessonViewOf(app: AppState, room: ClassroomState, readKey: string): LessonView {
  const test = app.testPoints.at(-1);
  return {
    spec: app.spec,
    designErrors: analysisOf(app.spec).issues.filter((i) => i.severity === 'error').length,
    hyper: app.hyper,
    steps: app.progress?.step ?? app.latest?.step ?? 0,
    trainerState: app.trainerState,
    testAccuracy: test ? test.accuracy : null,
    trainAccuracy: app.trainPoints.at(-1)?.accuracy ?? null,
    widgets: room.widgets,
    read: room.read[readKey] === true,
    generative: room.generative,
    dense: room.dense,
  };
}
