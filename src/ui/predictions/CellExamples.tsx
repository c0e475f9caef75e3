// The test images of one confusion-matrix cell, asked of the worker from the whole evaluated test set
// (the gallery holds only a few dozen), a page at a time, with the cell's count.
import { useTranslation } from 'react-i18next';
import { useEffect, useState } from 'react';
import type { ExamplesPage } from '../../training/client';
import { useStore } from '../store/store';
import { GalleryCard } from './GalleryCard';

export const EXAMPLES_PER_PAGE = 24;

const fmt = (n: number) => n.toLocaleString('en-US');

/** Mount with a key per cell and evaluation: the page starts at the first again. */
export function CellExamples({ cell, name }: { cell: [number, number]; name: (c: number) => string }) {
  const { t } = useTranslation();
  const [label, predicted] = cell;
  const client = useStore((s) => s.client);
  const count = useStore((s) => {
    const confusion = s.evaluation?.confusion ?? [];
    return confusion[label * Math.round(Math.sqrt(confusion.length)) + predicted] ?? 0;
  });
  const [page, setPage] = useState(0);
  const [shown, setShown] = useState<{ page: number; answer: ExamplesPage | string } | null>(null);
  useEffect(() => {
    if (!client || count === 0) return;
    let live = true;
    const offset = page * EXAMPLES_PER_PAGE;
    client.examples(label, predicted, offset, EXAMPLES_PER_PAGE).then(
      (answer) => live && setShown({ page, answer }),
      (error: unknown) =>
        live && setShown({ page, answer: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [client, label, predicted, page, count]);

  const pages = Math.ceil(count / EXAMPLES_PER_PAGE);
  const first = page * EXAMPLES_PER_PAGE;
  const answer = shown?.page === page ? shown.answer : null;
  const what = t('cellExamples.predictedAs', { label: name(label), predicted: name(predicted) });
  return (
    <section aria-label={t('cellExamples.testImagesOf', { what })} className="cell-examples">
      <p data-testid="cell-count">
        {count === 0
          ? t('cellExamples.noTestImageOf', { what })
          : t('cellExamples.testImagesOf2', { count, n: fmt(count), what }) +
            (pages > 1 ? `: ${fmt(first + 1)}–${fmt(Math.min(count, first + EXAMPLES_PER_PAGE))}` : '')}
      </p>
      {pages > 1 && (
        <div className="pager" role="group" aria-label={t('cellExamples.pages')}>
          <button type="button" onClick={() => setPage(page - 1)} disabled={page === 0}>
            {t('cellExamples.previous')}
          </button>
          <span>{t('cellExamples.pageOf', { fmt: fmt(page + 1), pages: fmt(pages) })}</span>
          <button type="button" onClick={() => setPage(page + 1)} disabled={page + 1 >= pages}>
            {t('cellExamples.next')}
          </button>
        </div>
      )}
      {typeof answer === 'string' && (
        <p role="alert" className="error">
          {t('cellExamples.theExamplesCouldNot', { answer })}
        </p>
      )}
      {answer !== null && typeof answer !== 'string' && (
        <ul className="gallery-grid">
          {answer.items.map((item) => (
            <GalleryCard key={item.index} item={item} name={name} />
          ))}
        </ul>
      )}
    </section>
  );
}
