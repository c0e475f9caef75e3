// One test image with its predicted class and confidence; a mistake is marked with the true class.
import { useTranslation } from 'react-i18next';
import type { GalleryItem } from '../../training/protocol';
import { useMemo } from 'react';
import { imageShapeOf } from '../draw/input-image';
import { useStore } from '../store/store';
import { DigitImage } from './DigitImage';

export function GalleryCard({ item, name }: { item: GalleryItem; name: (c: number) => string }) {
  const { t } = useTranslation();
  const inputShape = useStore((s) => s.spec.input.shape);
  const shape = useMemo(() => imageShapeOf(inputShape), [inputShape]);
  const wrong = item.predicted !== item.label;
  const confidence = Math.round((item.probabilities[item.predicted] ?? 0) * 100);
  return (
    <li className={wrong ? 'mistake' : undefined} data-testid="gallery-item">
      <DigitImage
        pixels={item.image}
        shape={item.image.length === shape[0] * shape[1] * shape[2] ? shape : undefined}
        label={t('galleryCard.testImageTruePredicted', {
          index: item.index,
          label: name(item.label),
          predicted: name(item.predicted),
        })}
      />
      <span className="gallery-caption">
        {name(item.predicted)} {confidence}%
        {wrong && <span className="mistake-mark"> {t('galleryCard.is', { label: name(item.label) })}</span>}
      </span>
    </li>
  );
}
