// Lesson text by key: a lesson file's English is the source, so the English `lessons` catalogue is made
// from the files themselves, and other languages translate it under the same keys
// (src/i18n/locales/<lang>/lessons.json): `<lesson id>.title`.
import { i18n, tr } from '../i18n';
import type { Lesson } from './schema';

/** The English `lessons` namespace of these lessons. */
export function lessonMessages(lessons: readonly Lesson[]): Record<string, { title: string }> {
  return Object.fromEntries(lessons.map((lesson) => [lesson.id, { title: lesson.title }]));
}

/** Registers the lessons' English text, once the catalogue is read. */
export function registerLessonMessages(lessons: readonly Lesson[]): void {
  i18n.addResourceBundle('en', 'lessons', lessonMessages(lessons), true, true);
}

/** A lesson's title in the current language; a lesson no catalogue knows (a teacher's own) keeps its own. */
export const lessonTitle = (lesson: Lesson): string =>
  tr(`lessons:${lesson.id}.title`, { defaultValue: lesson.title });
