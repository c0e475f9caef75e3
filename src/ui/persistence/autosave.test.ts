import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER, encodeShareState, presetSpec, serializeSpec } from '../../network';
import {
  AUTOSAVE_KEY,
  LEGACY_AUTOSAVE_KEY,
  decodeAutosave,
  encodeAutosave,
  loadAutosave,
  saveAutosave,
  type Design,
  type KeyValueStorage,
} from './autosave';

/** Web Storage in memory, with an optional size limit that throws the browser's QuotaExceededError. */
class MemoryStorage implements KeyValueStorage {
  readonly items = new Map<string, string>();
  constructor(private readonly maxChars = Infinity) {}
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    let used = key.length + value.length;
    for (const [k, v] of this.items) if (k !== key) used += k.length + v.length;
    if (used > this.maxChars) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const NOW = new Date('2026-11-25T09:30:00.000Z');
const design: Design = { spec: presetSpec('tiny-cnn'), hyper: { ...DEFAULT_HYPER, lr: 0.02, seed: 11 } };

function corruptCases(): [string, string, RegExp][] {
  const valid = JSON.parse(encodeAutosave(design, NOW)) as Record<string, unknown>;
  const hugeSpec = JSON.parse(serializeSpec(design.spec));
  hugeSpec.layers[0].out_channels = 1e9;
  return [
    ['bad JSON', '{"format":"cnn-playground-autosave",', /^the autosave is not valid JSON/],
    ['another format', JSON.stringify({ hello: 1 }), /not a CNN Playground autosave/],
    ['a future version', JSON.stringify({ ...valid, version: 99 }), /version 99/],
    [
      'a design that fails validation',
      JSON.stringify({ ...valid, spec: JSON.stringify(hugeSpec) }),
      /out_channels 1000000000 is too large/,
    ],
    ['bad hyperparameters', JSON.stringify({ ...valid, hyper: '{"lr":"fast"}' }), /lr must be a number/],
    [
      'a prototype-pollution key',
      JSON.stringify({ ...valid, spec: '{"__proto__":{"x":1}}' }),
      /forbidden key __proto__/,
    ],
  ];
}

describe('autosave', () => {
  it('restores what it saved, through the strict parsers', () => {
    const storage = new MemoryStorage();
    expect(loadAutosave(storage, NOW)).toEqual({ kind: 'empty' });
    expect(saveAutosave(storage, design, NOW)).toEqual({ ok: true });
    const loaded = loadAutosave(storage, NOW);
    expect(loaded).toEqual({ kind: 'restored', design, savedAt: NOW.toISOString() });
    const decoded = decodeAutosave(storage.getItem(AUTOSAVE_KEY) ?? '');
    expect(decoded.ok && decoded.value.spec.layers.map((l) => l.id)).toEqual(
      design.spec.layers.map((l) => l.id),
    );
  });

  for (const [what, text, reason] of corruptCases()) {
    it(`quarantines an entry with ${what}, keeping its exact text, and says where it went`, () => {
      const storage = new MemoryStorage();
      storage.setItem(AUTOSAVE_KEY, text);
      const loaded = loadAutosave(storage, NOW);
      const aside = `${AUTOSAVE_KEY}.quarantine.2026-11-25T09:30:00.000Z`;
      expect(loaded).toMatchObject({ kind: 'quarantined', quarantineKey: aside });
      if (loaded.kind !== 'quarantined') return;
      expect(loaded.reason).toMatch(reason);
      expect(loaded.notice).toBe(
        `Your last autosave could not be read (${loaded.reason}); it was kept aside as "${aside}" and the default design was loaded.`,
      );
      expect(storage.getItem(AUTOSAVE_KEY)).toBeNull();
      expect(storage.getItem(aside)).toBe(text);
      // The next save writes a fresh entry and leaves the quarantined one alone.
      expect(saveAutosave(storage, design, NOW)).toEqual({ ok: true });
      expect(storage.getItem(aside)).toBe(text);
      expect(loadAutosave(storage, NOW).kind).toBe('restored');
    });
  }

  it('never reuses a quarantine key', () => {
    const storage = new MemoryStorage();
    for (const text of ['{', '[', 'x']) {
      storage.setItem(AUTOSAVE_KEY, text);
      loadAutosave(storage, NOW);
    }
    const aside = [...storage.items.keys()].filter((k) => k.includes('.quarantine.')).sort();
    expect(aside).toHaveLength(3);
    expect(aside.map((k) => storage.getItem(k)).sort()).toEqual(['[', 'x', '{'].sort());
  });

  it('leaves an unreadable entry in place when there is no room to copy it, and then saves nothing', () => {
    const corrupt = '{"format":"cnn-playground-autosave","version":2,' + ' '.repeat(200);
    const storage = new MemoryStorage(AUTOSAVE_KEY.length + corrupt.length + 10);
    storage.setItem(AUTOSAVE_KEY, corrupt);
    const loaded = loadAutosave(storage, NOW);
    expect(loaded).toMatchObject({ kind: 'quarantined', quarantineKey: null });
    if (loaded.kind === 'quarantined') expect(loaded.notice).toMatch(/no room .* autosave stays off/);
    const saved = saveAutosave(storage, design, NOW);
    expect(saved.ok).toBe(false);
    expect(storage.getItem(AUTOSAVE_KEY)).toBe(corrupt);
    expect(storage.items.size).toBe(1);
  });

  it('quarantines an entry damaged after loading before it saves over it', () => {
    const storage = new MemoryStorage();
    storage.setItem(AUTOSAVE_KEY, 'written by a broken tab');
    expect(saveAutosave(storage, design, NOW)).toEqual({ ok: true });
    expect([...storage.items.values()]).toContain('written by a broken tab');
    expect(loadAutosave(storage, NOW).kind).toBe('restored');
  });

  it('keeps the previous entry and explains when the storage is full', () => {
    const storage = new MemoryStorage();
    saveAutosave(storage, design, NOW);
    const before = storage.getItem(AUTOSAVE_KEY);
    const full = new MemoryStorage((before ?? '').length + AUTOSAVE_KEY.length);
    full.setItem(AUTOSAVE_KEY, before ?? '');
    const bigger: Design = { spec: presetSpec('lenet-5'), hyper: design.hyper };
    expect(saveAutosave(full, bigger, NOW)).toEqual({
      ok: false,
      notice: "The design could not be saved: this browser's storage for the playground is full.",
    });
    expect(full.getItem(AUTOSAVE_KEY)).toBe(before);
  });

  it('keeps the last entry that reads back while the design has an error', () => {
    const storage = new MemoryStorage();
    saveAutosave(storage, design, NOW);
    const before = storage.getItem(AUTOSAVE_KEY);
    const saved = saveAutosave(storage, { spec: design.spec, hyper: { ...design.hyper, lr: -1 } }, NOW);
    expect(saved.ok).toBe(false);
    if (!saved.ok)
      expect(saved.notice).toMatch(/^The latest change is not autosaved while the hyperparameters/);
    expect(storage.getItem(AUTOSAVE_KEY)).toBe(before);
    expect(loadAutosave(storage, NOW)).toMatchObject({ kind: 'restored', design });
  });

  it('moves a first-format autosave to the current key, and quarantines a damaged one', () => {
    const storage = new MemoryStorage();
    storage.setItem(LEGACY_AUTOSAVE_KEY, encodeShareState(design));
    expect(loadAutosave(storage, NOW)).toMatchObject({ kind: 'restored', savedAt: null });
    expect(storage.getItem(LEGACY_AUTOSAVE_KEY)).toBeNull();
    expect(loadAutosave(storage, NOW)).toMatchObject({ kind: 'restored', design });

    const damaged = new MemoryStorage();
    damaged.setItem(LEGACY_AUTOSAVE_KEY, 'not*base64');
    expect(loadAutosave(damaged, NOW)).toMatchObject({
      kind: 'quarantined',
      quarantineKey: `${LEGACY_AUTOSAVE_KEY}.quarantine.2026-11-25T09:30:00.000Z`,
    });
  });

  it('reports storage the browser refuses as unavailable instead of failing', () => {
    const refusing: KeyValueStorage = {
      getItem: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
      setItem: () => undefined,
      removeItem: () => undefined,
    };
    expect(loadAutosave(refusing, NOW).kind).toBe('unavailable');
    expect(loadAutosave(null, NOW).kind).toBe('unavailable');
    expect(saveAutosave(null, design, NOW).ok).toBe(false);
  });
});
