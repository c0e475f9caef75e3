// The lessons in order with the progress kept in this browser, and a way to open a teacher's lesson file.
import { useState } from 'react';
import { parseJsonSafely } from '../../network/safe-json';
import { parseLesson } from '../../lessons/schema';
import type { Lesson } from '../../lessons/schema';
import { useClassroom } from './classroomStore';

const MAX_LESSON_CHARS = 200_000;

export function LessonList({
  lessons,
  onOpenFile,
}: {
  lessons: Lesson[];
  onOpenFile: (lesson: Lesson) => void;
}) {
  const progress = useClassroom((s) => s.progress);
  const goTo = useClassroom((s) => s.goTo);
  const [error, setError] = useState<string | null>(null);
  const openFile = async (file: File | undefined) => {
    if (!file) return;
    const json = parseJsonSafely(await file.text(), 'the lesson file', {
      maxChars: MAX_LESSON_CHARS,
      maxDepth: 12,
    });
    const parsed = json.ok ? parseLesson(json.value) : json;
    if (!parsed.ok) {
      setError(`Lesson not opened: ${parsed.error}.`);
      return;
    }
    setError(null);
    onOpenFile(parsed.lesson);
  };
  return (
    <div className="lesson-list">
      <ol>
        {lessons.map((lesson) => {
          const done = (progress[lesson.id] ?? []).filter((id) =>
            lesson.steps.some((s) => s.id === id),
          ).length;
          const next = lesson.steps.findIndex((s) => !(progress[lesson.id] ?? []).includes(s.id));
          return (
            <li key={lesson.id} data-testid={`lesson-${lesson.id}`}>
              <button type="button" onClick={() => goTo({ lessonId: lesson.id, step: Math.max(0, next) })}>
                {lesson.number}. {lesson.title}
              </button>{' '}
              <span className="muted" data-testid="lesson-progress">
                {done} of {lesson.steps.length} steps done
              </span>
              <p className="muted">{lesson.summary}</p>
            </li>
          );
        })}
      </ol>
      <label className="lesson-file">
        Open a lesson file
        <input
          type="file"
          accept=".json,application/json"
          onChange={(e) => void openFile(e.target.files?.[0])}
        />
      </label>
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
