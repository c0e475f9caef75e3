// The augmentation settings of "Your own data" and a grid of one example as training would vary it.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUGMENT_LIMITS, canonicalAugment, type AugmentSettings } from '../../network/augment';
import { previewSamples } from './augment-preview';
import type { ImageShape } from './image-shape';
import { Thumb } from './Thumb';

/** Samples in the preview grid. */
export const PREVIEW_COUNT = 8;
const AMOUNTS = [
  { key: 'shift', step: 1 },
  { key: 'rotate', step: 5 },
  { key: 'scale', step: 0.05 },
  { key: 'brightness', step: 0.05 },
  { key: 'contrast', step: 0.05 },
  { key: 'noise', step: 0.02 },
] as const;

export function AugmentControls({
  settings,
  onChange,
  example,
  shape,
  seed,
}: {
  settings: AugmentSettings;
  onChange: (settings: AugmentSettings) => void;
  /** The example the preview varies; none: no preview. */
  example: Uint8Array | null;
  shape: ImageShape;
  seed: number;
}) {
  const { t } = useTranslation();
  const [redraw, setRedraw] = useState(0);
  const samples = useMemo(
    () => (example ? previewSamples(example, shape, settings, seed + 7919 * redraw, PREVIEW_COUNT) : []),
    [example, shape, settings, seed, redraw],
  );
  const set = (patch: Partial<AugmentSettings>) => onChange(canonicalAugment({ ...settings, ...patch }));
  return (
    <fieldset className="my-augment">
      <legend>{t('augmentControls.title')}</legend>
      <p className="muted">{t('augmentControls.explain')}</p>
      {AMOUNTS.map(({ key, step }) => (
        <label key={key} className="my-augment-amount">
          <span>{t(`augmentControls.${key}`, { value: settings[key] })}</span>
          <input
            type="range"
            min={0}
            max={AUGMENT_LIMITS[key]}
            step={step}
            value={settings[key]}
            aria-label={t(`augmentControls.${key}Label`)}
            onChange={(e) => set({ [key]: Number(e.target.value) })}
          />
        </label>
      ))}
      <label>
        <input type="checkbox" checked={settings.flip} onChange={(e) => set({ flip: e.target.checked })} />{' '}
        {t('augmentControls.flip')}
      </label>
      {samples.length > 0 && (
        <div className="my-augment-preview">
          <div className="my-thumbs" role="list" aria-label={t('augmentControls.preview')}>
            {samples.map((pixels, k) => (
              <span role="listitem" key={k}>
                <Thumb pixels={pixels} shape={shape} label={t('augmentControls.sample', { k: k + 1 })} />
              </span>
            ))}
          </div>
          <button type="button" onClick={() => setRedraw((r) => r + 1)}>
            {t('augmentControls.redraw')}
          </button>
        </div>
      )}
    </fieldset>
  );
}
