// Every catalogue, bundled into the page (no fetch: nothing leaves the origin and the app works offline).
// One JSON file per namespace per language; a language is one folder here plus its line below.
import type { Resource } from 'i18next';
import enUi from './locales/en/ui.json';
import enShapes from './locales/en/shapes.json';
import enExport from './locales/en/export.json';
import enNetwork from './locales/en/network.json';
import zhUi from './locales/zh-CN/ui.json';
import zhShapes from './locales/zh-CN/shapes.json';
import zhExport from './locales/zh-CN/export.json';
import zhNetwork from './locales/zh-CN/network.json';
import zhLessons from './locales/zh-CN/lessons.json';

/** The namespaces; `lessons` in English is made from the lesson files themselves (src/lessons/messages.ts). */
export const NAMESPACES = ['ui', 'shapes', 'network', 'export', 'lessons'] as const;
export type Namespace = (typeof NAMESPACES)[number];

export const RESOURCES = {
  en: { ui: enUi, shapes: enShapes, network: enNetwork, export: enExport },
  'zh-CN': { ui: zhUi, shapes: zhShapes, network: zhNetwork, export: zhExport, lessons: zhLessons },
} satisfies Resource;
