import { describe, expect, it } from 'vitest';
import { BACKEND_KEY, loadBackendPreference, saveBackendPreference } from './backend-preference';

const memory = () => {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
};

describe('the backend preference', () => {
  it('is kept across loads, and automatic leaves nothing stored', () => {
    const storage = memory();
    expect(loadBackendPreference(storage)).toBe('auto');
    for (const p of ['wasm', 'js', 'webgpu'] as const) {
      expect(saveBackendPreference(storage, p)).toBe(true);
      expect(loadBackendPreference(storage)).toBe(p);
    }
    saveBackendPreference(storage, 'auto');
    expect(storage.items.has(BACKEND_KEY)).toBe(false);
    expect(loadBackendPreference(storage)).toBe('auto');
  });

  it('reads anything else, or storage that throws, as automatic', () => {
    const storage = memory();
    storage.setItem(BACKEND_KEY, 'cuda');
    expect(loadBackendPreference(storage)).toBe('auto');
    const blocked = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    expect(loadBackendPreference(blocked)).toBe('auto');
    expect(saveBackendPreference(blocked, 'js')).toBe(false);
    expect(loadBackendPreference(null)).toBe('auto');
    expect(saveBackendPreference(null, 'js')).toBe(false);
  });
});
