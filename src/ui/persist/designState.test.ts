import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER, presetSpec } from '../../network';
import { encodeDesign, initialDesign, shareUrl } from './designState';

describe('initial design', () => {
  const tiny = presetSpec('tiny-cnn');
  const hyper = { ...DEFAULT_HYPER, lr: 0.01, seed: 7 };

  it('opens LeNet-5 on a first visit', () => {
    const d = initialDesign('', null);
    expect(d.source).toBe('preset');
    expect(d.spec.name).toBe('LeNet-5');
    expect(d.refused).toBeNull();
  });

  it('restores the autosave, and a share link before it', () => {
    const saved = encodeDesign(tiny, hyper);
    expect(saved).not.toBeNull();
    const fromSave = initialDesign('', saved);
    expect(fromSave.source).toBe('autosave');
    expect(fromSave.spec.layers.map((l) => l.id)).toEqual(tiny.layers.map((l) => l.id));
    expect(fromSave.hyper.seed).toBe(7);

    const url = shareUrl('http://127.0.0.1:4173/index.html', presetSpec('mlp'), hyper);
    const fromLink = initialDesign(new URL(url).hash, saved);
    expect(fromLink.source).toBe('link');
    expect(fromLink.spec.layers.map((l) => l.kind)).toEqual(presetSpec('mlp').layers.map((l) => l.kind));
    expect(fromLink.hyper.lr).toBe(0.01);
  });

  it('refuses a damaged link with a message and falls back to the autosave', () => {
    const d = initialDesign('#not*base64', encodeDesign(tiny, hyper));
    expect(d.source).toBe('autosave');
    expect(d.refused).toMatch(/link's design was not loaded: .*damaged/);
  });

  it('refuses a corrupt autosave and opens LeNet-5', () => {
    const d = initialDesign('', 'eyJ2IjoxfQ');
    expect(d.source).toBe('preset');
    expect(d.refused).toMatch(/saved design could not be restored/);
  });
});
