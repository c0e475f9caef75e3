// The registry is the one place a kind's meaning lives: every kind has plans, parameters with docs and
// rules, and no source file outside src/layers/ decides anything by naming a kind.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plansOf } from './plans';
import { ANIMATION_STYLES } from './core/animation';
import { LAYER_KINDS, defaultLayer, definitionOf } from './registry';

const SRC = join(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'testing' ? [] : sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the layer registry', () => {
  it('gives every kind GPU and CPU plans, and a documented rule for every parameter', () => {
    for (const kind of LAYER_KINDS) {
      const plans = plansOf(kind);
      expect(typeof plans.gpu).toBe('function');
      expect(typeof plans.cpu).toBe('function');
      const definition = definitionOf(kind);
      expect(Object.keys(defaultLayer(kind, 'x')).sort()).toEqual(
        ['id', 'kind', ...Object.keys(definition.params)].sort(),
      );
      for (const spec of Object.values(definition.params)) expect(spec.doc).toMatch(/^[A-Z].{10,140}\.$/);
    }
  });

  it('names an animation style for every kind, and every style is used', () => {
    const used = LAYER_KINDS.map((kind) => definitionOf(kind).animation);
    for (const style of used) expect(ANIMATION_STYLES).toContain(style);
    expect(new Set(used)).toEqual(new Set(ANIMATION_STYLES));
  });

  it('refuses a kind it does not know', () => {
    expect(() => definitionOf('Conv3d')).toThrow('unknown layer kind "Conv3d"');
    expect(() => plansOf('Conv3d')).toThrow('no engine plans');
  });

  it('is the only place that decides by naming a kind (no switch or comparison on a kind elsewhere)', () => {
    const kinds = LAYER_KINDS.join('|');
    // A switch case, a comparison, or a set or list of kinds to test membership in.
    const decides = new RegExp(
      `(case\\s+'(${kinds})'\\s*:|[!=]==\\s*'(${kinds})'|'(${kinds})'\\s*[!=]==|Set\\(\\[[^\\]]*'(${kinds})'|\\[[^\\]]*'(${kinds})'[^\\]]*\\]\\.includes)`,
    );
    const offenders = sources(SRC)
      .filter((path) => !relative(SRC, path).startsWith('layers'))
      .flatMap((path) =>
        readFileSync(path, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${relative(SRC, path)}:${i + 1}` }))
          .filter(({ line }) => decides.test(line))
          .map(({ at, line }) => `${at}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });
});
