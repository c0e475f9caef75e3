import { describe, expect, it } from 'vitest';
import { detectLanguage, matchLanguage } from './language';
import { formatNumber, i18n, setLanguage, tr } from '.';

describe('the starting language', () => {
  it('reads any Chinese tag as Simplified Chinese, and English variants as English', () => {
    for (const tag of ['zh', 'zh-CN', 'zh-Hans', 'zh-TW', 'zh_SG', 'ZH-cn'])
      expect(matchLanguage(tag)).toBe('zh-CN');
    for (const tag of ['en', 'en-GB', 'EN-us']) expect(matchLanguage(tag)).toBe('en');
    for (const tag of ['fr', 'de-DE', '', null, 'x-zh']) expect(matchLanguage(tag)).toBeNull();
  });

  it('is a link’s ?lang=, else the kept choice, else the first browser language we speak, else English', () => {
    const preferred = ['fr-FR', 'zh-CN', 'en'];
    expect(detectLanguage({ search: '?lesson=gan&lang=zh-CN', stored: 'en', preferred: ['en'] })).toEqual({
      language: 'zh-CN',
      fromLink: true,
    });
    expect(detectLanguage({ search: '?lang=klingon', stored: 'en', preferred })).toEqual({
      language: 'en',
      fromLink: false,
    });
    expect(detectLanguage({ stored: null, preferred }).language).toBe('zh-CN');
    expect(detectLanguage({ preferred: ['fr', 'de'] }).language).toBe('en');
    expect(detectLanguage({}).language).toBe('en');
  });
});

describe('text by key', () => {
  it('follows the language, with plurals by Intl.PluralRules and numbers by Intl.NumberFormat', async () => {
    i18n.addResourceBundle('en', 'test', {
      layers_one: 'one layer',
      layers_other: '{{count, number}} layers',
    });
    i18n.addResourceBundle('zh-CN', 'test', { layers_other: '{{count, number}} 层' });
    expect([tr('test:layers', { count: 1 }), tr('test:layers', { count: 12345 })]).toEqual([
      'one layer',
      '12,345 layers',
    ]);
    expect(tr('shapes:window.input', { input: '4×4' })).toBe('the 4×4 input');
    await setLanguage('zh-CN');
    expect(tr('shapes:window.input', { input: '4×4' })).toBe('4×4 的输入');
    expect(tr('test:layers', { count: 1 })).toBe('1 层');
    expect(formatNumber(0.25, { style: 'percent' })).toBe('25%');
    await setLanguage('en');
    expect(tr('test:layers', { count: 2 })).toBe('2 layers');
  });
});
