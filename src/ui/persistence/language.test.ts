import { describe, expect, it } from 'vitest';
import { LANGUAGE_KEY, loadLanguage, saveLanguage } from './language';

const memory = () => {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
};

describe('the kept language', () => {
  it('is kept across loads', () => {
    const storage = memory();
    expect(loadLanguage(storage)).toBeNull();
    expect(saveLanguage(storage, 'zh-CN')).toBe(true);
    expect(loadLanguage(storage)).toBe('zh-CN');
    expect(saveLanguage(storage, 'en')).toBe(true);
    expect(storage.items.get(LANGUAGE_KEY)).toBe('en');
  });

  it('reads an entry that is not one of ours, or storage that throws, as none', () => {
    const storage = memory();
    storage.setItem(LANGUAGE_KEY, 'tlh');
    expect(loadLanguage(storage)).toBeNull();
    const throwing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => undefined,
    };
    expect(loadLanguage(throwing)).toBeNull();
    expect(saveLanguage(throwing, 'en')).toBe(false);
    expect(saveLanguage(null, 'en')).toBe(false);
  });
});
