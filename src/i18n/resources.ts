// Every catalogue, bundled into the page (no fetch: nothing leaves the origin and the app works offline).
// One JSON file per namespace per language; a language is one folder here plus its line below.
import type { Resource } from 'i18next';
import enUi from './locales/en/ui.json' with { type: 'json' };
import enShapes from './locales/en/shapes.json' with { type: 'json' };
import enExport from './locales/en/export.json' with { type: 'json' };
import zhUi from './locales/zh-CN/ui.json' with { type: 'json' };
import zhShapes from './locales/zh-CN/shapes.json' with { type: 'json' };
import zhExport from './locales/zh-CN/export.json' with { type: 'json' };
import zhLessons from './locales/zh-CN/lessons.json' with { type: 'json' };

/** The namespaces; `lessons` in English is made from the lesson files themselves (src/lessons/messages.ts). */
export const NAMESPACES = ['ui', 'shapes', 'export', 'lessons'] as const;
export type Namespace = (typeof NAMESPACES)[number];

export const RESOURCES = {
  en: { ui: enUi, shapes: enShapes, export: enExport },
  'zh-CN': { ui: zhUi, shapes: zhShapes, export: zhExport, lessons: zhLessons },
} satisfies Resource;
