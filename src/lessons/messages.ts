// Lesson text by key: a lesson file's English is the source, so the English `lessons` catalogue is made
// from the files themselves, and other languages translate it under the same keys
// (src/i18n/locales/<lang>/lessons.json): `<lesson id>.title`, `.summary`, `.steps.<step id>.title`,
// `.text` and `.action`.
import { i18n, tr } from '../i18n';
import type { Lesson, Step } from './schema';

/** What a step says, in words. */
export interface StepWords {
  title: string;
  text: string;
  action: string;
}

export interface LessonWords {
  title: string;
  summary: string;
  steps: Record<string, StepWords>;
}

/** The English `lessons` namespace of these lessons. */
export function lessonMessages(lessons: readonly Lesson[]): Record<string, LessonWords> {
  return Object.fromEntries(
    lessons.map((lesson) => [
      lesson.id,
      {
        title: lesson.title,
        summary: lesson.summary,
        steps: Object.fromEntries(
          lesson.steps.map((s) => [s.id, { title: s.title, text: s.text, action: s.action }]),
        ),
      },
    ]),
  );
}

/** Registers the lessons' English text, once the catalogue is read. */
export function registerLessonMessages(lessons: readonly Lesson[]): void {
  i18n.addResourceBundle('en', 'lessons', lessonMessages(lessons), true, true);
}

/** A lesson's title in the current language; a lesson no catalogue knows (a teacher's own) keeps its own. */
export const lessonTitle = (lesson: Lesson): string =>
  tr(`lessons:${lesson.id}.title`, { defaultValue: lesson.title });

/** A lesson's summary in the current language, or its own. */
export const lessonSummary = (lesson: Lesson): string =>
  tr(`lessons:${lesson.id}.summary`, { defaultValue: lesson.summary });

/** A step's title, text and action in the current language, or its own (`*word*` emphasis kept). */
export function stepWords(lesson: Lesson, step: Step): StepWords {
  const key = `lessons:${lesson.id}.steps.${step.id}`;
  return {
    title: tr(`${key}.title`, { defaultValue: step.title }),
    text: tr(`${key}.text`, { defaultValue: step.text }),
    action: tr(`${key}.action`, { defaultValue: step.action }),
  };
}
