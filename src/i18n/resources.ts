// Every catalogue, bundled into the page (no fetch: nothing leaves the origin and the app works offline).
// One JSON file per namespace per language; a language is one folder here plus its line below.
import type { Resource } from 'i18next';
import enUi from './locales/en/ui.json' with { type: 'json' };
import enShapes from './locales/en/shapes.json' with { type: 'json' };
import enExport from './locales/en/export.json' with { type: 'json' };
import enNetwork from './locales/en/network.json' with { type: 'json' };
import zhUi from './locales/zh-CN/ui.json' with { type: 'json' };
import zhShapes from './locales/zh-CN/shapes.json' with { type: 'json' };
import zhExport from './locales/zh-CN/export.json' with { type: 'json' };
import zhNetwork from './locales/zh-CN/network.json' with { type: 'json' };
import zhLayers from './locales/zh-CN/layers.json' with { type: 'json' };
import zhPresets from './locales/zh-CN/presets.json' with { type: 'json' };
import zhExplain from './locales/zh-CN/explain.json' with { type: 'json' };
import enExplain from './locales/en/explain.json' with { type: 'json' };
import enTraining from './locales/en/training.json' with { type: 'json' };
import enChallenges from './locales/en/challenges.json' with { type: 'json' };
import zhChallenges from './locales/zh-CN/challenges.json' with { type: 'json' };
import zhTraining from './locales/zh-CN/training.json' with { type: 'json' };
import zhLessons from './locales/zh-CN/lessons.json' with { type: 'json' };

/** The namespaces; `lessons`, `layers` and `presets` in English are made from the lesson files, the layer
 *  definitions and the presets themselves (src/lessons/messages.ts, src/layers/registry.ts, src/network/presets.ts). */
export const NAMESPACES = [
  'ui',
  'shapes',
  'network',
  'layers',
  'presets',
  'explain',
  'training',
  'challenges',
  'export',
  'lessons',
] as const;
export type Namespace = (typeof NAMESPACES)[number];

export const RESOURCES = {
  en: {
    ui: enUi,
    shapes: enShapes,
    network: enNetwork,
    explain: enExplain,
    training: enTraining,
    challenges: enChallenges,
    export: enExport,
  },
  'zh-CN': {
    ui: zhUi,
    shapes: zhShapes,
    network: zhNetwork,
    layers: zhLayers,
    presets: zhPresets,
    explain: zhExplain,
    training: zhTraining,
    challenges: zhChallenges,
    export: zhExport,
    lessons: zhLessons,
  },
} satisfies Resource;
