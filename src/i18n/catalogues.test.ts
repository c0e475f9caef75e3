// Every language has every message the others have, with the plural forms its language needs and the
// same {{variables}}; and every catalogue file on disk is bundled.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { layerMessages } from '../layers';
import { PRESETS } from '../network/presets';
import { CATALOG } from '../lessons/catalog';
import { lessonMessages } from '../lessons/messages';
import { LANGUAGES } from './language';
import { catalogueProblems, type Catalogues } from './parity';
import { RESOURCES } from './resources';

const LOCALES = join(dirname(fileURLToPath(import.meta.url)), 'locales');

/** The catalogues as the page gets them: the bundled files, and English lessons and layers made from the lesson
 *  files and the layer definitions. */
function bundled(): Catalogues {
  const out: Catalogues = {};
  for (const [language, namespaces] of Object.entries(RESOURCES)) out[language] = { ...namespaces };
  out.en.lessons = lessonMessages(CATALOG.lessons);
  out.en.layers = layerMessages();
  out.en.presets = Object.fromEntries(PRESETS.map((p) => [p.id, { description: p.description }]));
  return structuredClone(out);
}

describe('the catalogues', () => {
  it('agree in every namespace and language', () => {
    expect(catalogueProblems(bundled())).toEqual([]);
  });

  it('are all bundled: each file on disk, for each language we speak', () => {
    const onDisk = readdirSync(LOCALES).sort();
    expect(onDisk).toEqual([...LANGUAGES].sort());
    for (const language of onDisk)
      for (const file of readdirSync(join(LOCALES, language))) {
        const ns = file.replace(/\.json$/, '');
        const namespaces: Record<string, unknown> = RESOURCES[language as keyof typeof RESOURCES];
        expect(namespaces[ns], `${language}/${file}`).toEqual(
          JSON.parse(readFileSync(join(LOCALES, language, file), 'utf8')),
        );
      }
  });

  it('report a key one language lacks', () => {
    const catalogues = bundled();
    delete (catalogues['zh-CN'].ui as { header: Record<string, string> }).header.darkTheme;
    expect(catalogueProblems(catalogues)).toEqual(['zh-CN/ui lacks "header.darkTheme" (in en)']);
  });

  it('report a variable one language lacks, or uses and the other does not', () => {
    const catalogues = bundled();
    const zh = catalogues['zh-CN'].shapes as { window: Record<string, string> };
    zh.window.input = '输入';
    zh.window.kernelTooLarge += ' {{extra}}';
    expect(catalogueProblems(catalogues)).toEqual([
      'en/shapes "window.input" uses {{input}}, which zh-CN lacks',
      'zh-CN/shapes "window.kernelTooLarge" uses {{extra}}, which en lacks',
    ]);
  });

  it('report a plural form a language needs, and a whole missing namespace', () => {
    const catalogues = bundled();
    Object.assign(catalogues.en.ui as object, { layers_other: '{{count}} layers' });
    Object.assign(catalogues['zh-CN'].ui as object, { layers_other: '{{count}} 层' });
    delete catalogues['zh-CN'].export;
    const problems = catalogueProblems(catalogues);
    expect(problems.slice(0, 2)).toEqual([
      'en/ui "layers" lacks the plural forms one',
      'zh-CN has no "export" catalogue',
    ]);
    expect(problems).toContain('zh-CN/export lacks "model.strideComment" (in en)');
    expect(problems.slice(2).every((p) => p.startsWith('zh-CN/export lacks '))).toBe(true);
  });
});
