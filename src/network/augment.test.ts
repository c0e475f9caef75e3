// The augmentation settings as the hyperparameters carry them (the transform itself is the engine's
// reference, src/engine/reference/augment-batch.ts, tested there).
import { describe, expect, it } from 'vitest';
import { augments, NO_AUGMENT } from './augment';
import { DEFAULT_HYPER } from './hyper';
import { parseHyper, serializeHyper } from './serialize';

describe('augmentation settings in the hyperparameters', () => {
  it('round-trip in a fixed order, and are refused out of range by name', () => {
    const hyper = {
      ...DEFAULT_HYPER,
      augment: { contrast: 0.2, flip: true, shift: 3, rotate: 10, scale: 0.1, brightness: 0.1, noise: 0.05 },
    };
    const text = serializeHyper(hyper);
    expect(text.indexOf('"shift"')).toBeLessThan(text.indexOf('"contrast"'));
    const back = parseHyper(text);
    expect(back.ok && back.hyper.augment).toEqual({
      shift: 3,
      rotate: 10,
      scale: 0.1,
      flip: true,
      brightness: 0.1,
      contrast: 0.2,
      noise: 0.05,
    });
    expect(augments(back.ok ? back.hyper.augment : undefined)).toBe(true);
    expect(augments(NO_AUGMENT)).toBe(false);
    expect(augments(undefined)).toBe(false);
    const bad = (augment: unknown) => parseHyper(JSON.stringify({ ...DEFAULT_HYPER, augment }));
    expect(bad({ shift: 1.5 })).toMatchObject({
      ok: false,
      error: expect.stringContaining('augment.shift must be a whole number from 0 to 8, not 1.5'),
    });
    expect(bad({ rotate: 90 })).toMatchObject({ ok: false, error: expect.stringContaining('0 to 45') });
    expect(bad({ flip: 'yes' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('true or false'),
    });
    expect(bad({ twist: 1 })).toMatchObject({
      ok: false,
      error: expect.stringContaining('augment has an unknown field "twist"'),
    });
    // Missing amounts are 0.
    const partial = parseHyper(JSON.stringify({ ...DEFAULT_HYPER, augment: { shift: 2 } }));
    expect(partial.ok && partial.hyper.augment).toEqual({ ...NO_AUGMENT, shift: 2 });
  });
});
