// Test images with the predicted class and confidence; mistakes highlighted, optionally alone, or only
// those of the selected confusion-matrix cell.
import type { GalleryItem } from '../../training/protocol';
import { useStore } from '../store/store';
import { DigitImage } from './DigitImage';

export function visibleItems(
  items: readonly GalleryItem[],
  mistakesOnly: boolean,
  cell: [number, number] | null,
): GalleryItem[] {
  return items.filter(
    (it) =>
      (!mistakesOnly || it.predicted !== it.label) &&
      (!cell || (it.label === cell[0] && it.predicted === cell[1])),
  );
}

export function Gallery() {
  const items = useStore((s) => s.gallery);
  const mistakesOnly = useStore((s) => s.mistakesOnly);
  const setMistakesOnly = useStore((s) => s.setMistakesOnly);
  const cell = useStore((s) => s.confusionCell);
  const selectCell = useStore((s) => s.selectConfusionCell);
  const names = useStore((s) => s.dataset.classNames);
  const name = (c: number) => names[c] ?? String(c);
  const shown = visibleItems(items, mistakesOnly, cell);
  return (
    <section aria-label="Prediction gallery" className="gallery">
      <div className="gallery-filters">
        <label>
          <input type="checkbox" checked={mistakesOnly} onChange={(e) => setMistakesOnly(e.target.checked)} />{' '}
          Show mistakes only
        </label>
        {cell && (
          <button type="button" onClick={() => selectCell(null)}>
            Showing true {name(cell[0])} predicted {name(cell[1])}: show all
          </button>
        )}
      </div>
      {items.length === 0 && (
        <p className="muted">Predictions on test images appear here after an evaluation.</p>
      )}
      {items.length > 0 && shown.length === 0 && <p className="muted">No examples match.</p>}
      <ul className="gallery-grid">
        {shown.map((it) => {
          const wrong = it.predicted !== it.label;
          const confidence = Math.round((it.probabilities[it.predicted] ?? 0) * 100);
          return (
            <li key={it.index} className={wrong ? 'mistake' : undefined} data-testid="gallery-item">
              <DigitImage
                pixels={it.image}
                label={`Test image ${it.index}: true ${name(it.label)}, predicted ${name(it.predicted)}`}
              />
              <span className="gallery-caption">
                {name(it.predicted)} {confidence}%
                {wrong && <span className="mistake-mark"> (is {name(it.label)})</span>}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
