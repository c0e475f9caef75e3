// Test images with the predicted class and confidence; mistakes highlighted, optionally alone. A selected
// confusion-matrix cell shows that cell's images from the whole evaluated test set instead.
import { useTranslation } from 'react-i18next';
import { useStore } from '../store/store';
import { CellExamples } from './CellExamples';
import { GalleryCard } from './GalleryCard';

export function Gallery() {
  const { t } = useTranslation();
  const items = useStore((s) => s.gallery);
  const mistakesOnly = useStore((s) => s.mistakesOnly);
  const setMistakesOnly = useStore((s) => s.setMistakesOnly);
  const cell = useStore((s) => s.confusionCell);
  const selectCell = useStore((s) => s.selectConfusionCell);
  const evaluatedAt = useStore((s) => s.evaluation?.step ?? null);
  const names = useStore((s) => s.dataset.classNames);
  const name = (c: number) => names[c] ?? String(c);
  const shown = items.filter((it) => !mistakesOnly || it.predicted !== it.label);
  return (
    <section aria-label={t('gallery.predictionGallery')} className="gallery">
      <div className="gallery-filters">
        <label>
          <input
            type="checkbox"
            checked={mistakesOnly}
            disabled={cell !== null}
            onChange={(e) => setMistakesOnly(e.target.checked)}
          />{' '}
          {t('gallery.showMistakesOnly')}
        </label>
        {cell && (
          <button type="button" onClick={() => selectCell(null)}>
            {t('gallery.showingTruePredictedShow', { name: name(cell[0]), name2: name(cell[1]) })}
          </button>
        )}
      </div>
      {cell && evaluatedAt !== null ? (
        <CellExamples key={`${cell.join()}@${evaluatedAt}`} cell={cell} name={name} />
      ) : (
        <>
          {items.length === 0 && <p className="muted">{t('gallery.predictionsOnTestImages')}</p>}
          {items.length > 0 && shown.length === 0 && (
            <p className="muted">{t('gallery.noMistakesAmongThese')}</p>
          )}
          <ul className="gallery-grid">
            {shown.map((it) => (
              <GalleryCard key={it.index} item={it} name={name} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
