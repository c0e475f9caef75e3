// The augmentation preview: its samples move the example (and keep it whole when the shift keeps it
// inside), are the same again for the same seed, and the panel's controls render the settings and the
// grid (React's server renderer in Node: the markup, not the canvases' pixels, which the e2e test reads).
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { NO_AUGMENT } from '../../network/augment';
import { AugmentControls, PREVIEW_COUNT } from './AugmentControls';
import { previewSamples } from './augment-preview';
import { rgbaOf } from '../draw/input-image';

/** A 12×12 grey image with a 4×4 block in the middle. */
const block = new Uint8Array(144);
for (let y = 4; y < 8; y++) for (let x = 4; x < 8; x++) block[y * 12 + x] = 255;
const SHAPE = [1, 12, 12] as const;
const sum = (a: Uint8Array) => a.reduce((n, v) => n + v, 0);

describe('previewSamples', () => {
  it('moves the example within the shift, each sample its own way', () => {
    const settings = { ...NO_AUGMENT, shift: 3 };
    const samples = previewSamples(block, SHAPE, settings, 1, 8);
    expect(samples).toHaveLength(8);
    // Shifts of at most 3 keep the block inside: the same ink, somewhere else.
    for (const s of samples) expect(sum(s)).toBe(sum(block));
    expect(samples.filter((s) => s.some((v, i) => v !== block[i])).length).toBeGreaterThanOrEqual(6);
    expect(new Set(samples.map((s) => s.join())).size).toBeGreaterThan(4);
    expect(previewSamples(block, SHAPE, settings, 1, 8)).toEqual(samples);
    expect(previewSamples(block, SHAPE, settings, 2, 8)).not.toEqual(samples);
  });

  it('shows the example unchanged when nothing is on', () => {
    for (const s of previewSamples(block, SHAPE, NO_AUGMENT, 1, 4)) expect(s).toEqual(block);
  });

  it('draws grey as grey and colour planes as RGB', () => {
    expect(Array.from(rgbaOf(Uint8Array.from([9, 200]), [1, 1, 2]))).toEqual([
      9, 9, 9, 255, 200, 200, 200, 255,
    ]);
    expect(Array.from(rgbaOf(Uint8Array.from([1, 2, 3, 4, 5, 6]), [3, 1, 2]))).toEqual([
      1, 3, 5, 255, 2, 4, 6, 255,
    ]);
  });
});

describe('AugmentControls', () => {
  const render = (example: Uint8Array | null) =>
    renderToStaticMarkup(
      createElement(
        I18nextProvider,
        { i18n },
        createElement(AugmentControls, {
          settings: { shift: 2, rotate: 15, scale: 0.2, flip: true, brightness: 0.1, contrast: 0, noise: 0 },
          onChange: () => undefined,
          example,
          shape: SHAPE,
          seed: 3,
        }),
      ),
    );

  it('shows the settings and a grid of samples of the example', () => {
    const html = render(block);
    expect(html).toContain('Shift up to 2 pixels');
    expect(html).toContain('Rotate up to 15°');
    expect(html).toMatch(
      /aria-label="Largest shift in pixels"[^>]*value="2"|value="2"[^>]*aria-label="Largest shift in pixels"/,
    );
    expect(html).toMatch(/type="checkbox" checked=""/);
    const samples = [...html.matchAll(/aria-label="Augmented sample (\d+)"/g)].map((m) => Number(m[1]));
    expect(samples).toEqual(Array.from({ length: PREVIEW_COUNT }, (_, k) => k + 1));
    expect(html).toContain('width="12" height="12"');
  });

  it('has no grid without an example', () => {
    expect(render(null)).not.toContain('Augmented sample');
  });
});
