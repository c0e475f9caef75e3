// The 10×10 confusion matrix of the last evaluation, headed by the class names; pressing a cell shows its
// test images below.
import { useTranslation } from 'react-i18next';
import type { CSSProperties } from 'react';
import { useStore } from '../store/store';

export function ConfusionMatrix() {
  const { t } = useTranslation();
  const confusion = useStore((s) => s.evaluation?.confusion ?? null);
  const names = useStore((s) => s.dataset.classNames);
  const cell = useStore((s) => s.confusionCell);
  const select = useStore((s) => s.selectConfusionCell);
  if (!confusion) return null;
  const n = Math.round(Math.sqrt(confusion.length));
  const name = (c: number) => names[c] ?? String(c);
  const rowMax = Math.max(1, ...confusion);
  // Names longer than a digit run upwards above their narrow columns.
  const long = names.some((c) => c.length > 2);
  return (
    <table
      className={long ? 'confusion long-names' : 'confusion'}
      aria-label={t('confusionMatrix.confusionMatrix')}
    >
      <caption>{t('confusionMatrix.confusionMatrixRowsTrue')}</caption>
      <thead>
        <tr>
          <td />
          {Array.from({ length: n }, (_, p) => (
            <th key={p} scope="col">
              <span>{name(p)}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: n }, (_, truth) => (
          <tr key={truth}>
            <th scope="row">{name(truth)}</th>
            {Array.from({ length: n }, (_, p) => {
              const count = confusion[truth * n + p];
              const on = cell?.[0] === truth && cell?.[1] === p;
              // Shade by count (square root, so small off-diagonal counts stay visible).
              const alpha = Math.sqrt(count / rowMax);
              return (
                <td key={p}>
                  <button
                    type="button"
                    className={`cell${truth === p ? ' diagonal' : ''}`}
                    aria-pressed={on}
                    aria-label={t('confusionMatrix.imagesOfPredictedAs', {
                      count,
                      truth: name(truth),
                      predicted: name(p),
                    })}
                    style={{ '--alpha': alpha } as CSSProperties}
                    onClick={() => select(on ? null : [truth, p])}
                  >
                    {count}
                  </button>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
