// Lesson links: `?lesson=<id>&step=<n>` (n from 1) opens the app at that step. A query, not the fragment,
// because the fragment carries shared designs and is cleared once read.
import type { Lesson } from './schema';

export interface LessonPlace {
  lessonId: string;
  /** 0-based step index. */
  step: number;
}

/** The place a link's query names, clamped to the lesson's steps; null when it names no known lesson. */
export function placeFromQuery(search: string, find: (id: string) => Lesson | undefined): LessonPlace | null {
  const query = new URLSearchParams(search);
  const id = query.get('lesson');
  if (!id) return null;
  const lesson = find(id);
  if (!lesson) return null;
  const n = Number.parseInt(query.get('step') ?? '1', 10);
  const step = Number.isFinite(n) ? Math.min(Math.max(n, 1), lesson.steps.length) - 1 : 0;
  return { lessonId: lesson.id, step };
}

/** The link to a step, on the page at `base` (its other query parameters and fragment dropped). */
export function lessonLink(base: string, place: LessonPlace): string {
  const url = new URL(base);
  url.search = new URLSearchParams({ lesson: place.lessonId, step: String(place.step + 1) }).toString();
  url.hash = '';
  return url.href;
}
