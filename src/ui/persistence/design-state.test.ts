import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER, presetSpec } from '../../network';
import { initialDesign, shareUrl } from './design-state';

describe('initial design', () => {
  const hyper = { ...DEFAULT_HYPER, lr: 0.01, seed: 7 };

  it('opens LeNet-5 on a first visit', () => {
    const d = initialDesign('');
    expect(d.source).toBe('preset');
    expect(d.spec.name).toBe('LeNet-5');
    expect(d.refused).toBeNull();
  });

  it("opens a share link's design with its hyperparameters", () => {
    const url = shareUrl('http://127.0.0.1:4173/index.html', presetSpec('mlp'), hyper);
    const fromLink = initialDesign(new URL(url).hash);
    expect(fromLink.source).toBe('link');
    expect(fromLink.spec.layers.map((l) => l.kind)).toEqual(presetSpec('mlp').layers.map((l) => l.kind));
    expect(fromLink.hyper.lr).toBe(0.01);
    expect(fromLink.hyper.seed).toBe(7);
    expect(fromLink.refused).toBeNull();
  });

  it('refuses a damaged link with a message and opens LeNet-5', () => {
    const d = initialDesign('#not*base64');
    expect(d.source).toBe('preset');
    expect(d.spec.name).toBe('LeNet-5');
    expect(d.refused).toMatch(/link's design was not loaded: .*damaged/);
  });
});
