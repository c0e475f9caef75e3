// The Lessons panel: the list, or the open step of the open lesson (built-in, or a file a teacher wrote).
import { useState } from 'react';
import { CATALOG } from '../../lessons/catalog';
import type { Lesson } from '../../lessons/schema';
import { useClassroom } from './classroomStore';
import { LessonList } from './LessonList';
import { LessonStep } from './LessonStep';

export function LessonsPanel() {
  const place = useClassroom((s) => s.place);
  const goTo = useClassroom((s) => s.goTo);
  const [fromFile, setFromFile] = useState<Lesson | null>(null);
  const lessons = fromFile
    ? [...CATALOG.lessons.filter((l) => l.id !== fromFile.id), fromFile]
    : CATALOG.lessons;
  const lesson = place ? lessons.find((l) => l.id === place.lessonId) : undefined;
  return (
    <div className="lessons-panel">
      <h2>Lessons</h2>
      {lesson && place ? (
        <LessonStep
          key={`${lesson.id}/${place.step}`}
          lesson={lesson}
          index={Math.min(place.step, lesson.steps.length - 1)}
        />
      ) : (
        <LessonList
          lessons={lessons}
          onOpenFile={(l) => {
            setFromFile(l);
            goTo({ lessonId: l.id, step: 0 });
          }}
        />
      )}
    </div>
  );
}
