// The built-in lessons: every JSON file in data/, each checked against the schema when the app loads, in
// the order of their numbers. A broken file is left out with its reason rather than breaking the others.
import { parseLesson, type Lesson } from './schema';

const files = import.meta.glob('./data/*.json', { eager: true, import: 'default' });

export interface Catalog {
  lessons: Lesson[];
  /** File name and reason for each file that did not validate. */
  refused: { file: string; error: string }[];
}

export function buildCatalog(sources: Record<string, unknown>): Catalog {
  const lessons: Lesson[] = [];
  const refused: Catalog['refused'] = [];
  for (const [file, data] of Object.entries(sources)) {
    const parsed = parseLesson(data);
    if (!parsed.ok) refused.push({ file, error: parsed.error });
    else if (lessons.some((l) => l.id === parsed.lesson.id))
      refused.push({ file, error: `another lesson already has the id "${parsed.lesson.id}"` });
    else lessons.push(parsed.lesson);
  }
  lessons.sort((a, b) => a.number - b.number);
  return { lessons, refused };
}

export const CATALOG = buildCatalog(files);

export const lessonById = (id: string): Lesson | undefined => CATALOG.lessons.find((l) => l.id === id);
