// The network's class probabilities for the drawing, one bar per class, the top one highlighted.
import { useTranslation } from 'react-i18next';
import { useStore } from '../store/store';

export function ProbabilityBars() {
  const { t } = useTranslation();
  const probabilities = useStore((s) => s.drawProbabilities);
  const names = useStore((s) => s.dataset.classNames);
  // Before a drawing the rows are laid out but hidden, so the first answer moves nothing on the page (a
  // pad moved under a stroke draws another digit).
  const values = probabilities ? Array.from(probabilities) : names.map(() => 0);
  const top = probabilities ? values.indexOf(Math.max(...values)) : -1;
  return (
    <ul
      className={probabilities ? 'prob-bars' : 'prob-bars pending'}
      aria-label={t('probabilityBars.classProbabilities')}
    >
      {values.map((p, c) => (
        <li
          key={c}
          className={c === top ? 'top' : undefined}
          aria-label={`${names[c] ?? c}: ${(p * 100).toFixed(1)}%`}
        >
          <span className="prob-name">{names[c] ?? c}</span>
          <span className="prob-bar" style={{ width: `${Math.max(0, Math.min(1, p)) * 100}%` }} />
          <span className="prob-value">{(p * 100).toFixed(0)}%</span>
        </li>
      ))}
    </ul>
  );
}
