// One test image with its predicted class and confidence; a mistake is marked with the true class.
import type { GalleryItem } from '../../training/protocol';
import { DigitImage } from './DigitImage';

export function GalleryCard({ item, name }: { item: GalleryItem; name: (c: number) => string }) {
  const wrong = item.predicted !== item.label;
  const confidence = Math.round((item.probabilities[item.predicted] ?? 0) * 100);
  return (
    <li className={wrong ? 'mistake' : undefined} data-testid="gallery-item">
      <DigitImage
        pixels={item.image}
        label={`Test image ${item.index}: true ${name(item.label)}, predicted ${name(item.predicted)}`}
      />
      <span className="gallery-caption">
        {name(item.predicted)} {confidence}%
        {wrong && <span className="mistake-mark"> (is {name(item.label)})</span>}
      </span>
    </li>
  );
}
