// The animation's arithmetic checked against the engine: what the page recomputed from the values it
// shows, compared with the layer's output from the worker.
import { useTranslation } from 'react-i18next';
import { agrees, fmt } from './tensor';

export function CheckLine({
  computed,
  actual,
  what,
}: {
  computed: ArrayLike<number>;
  actual: ArrayLike<number>;
  /** What was recomputed, e.g. 'output map 1'. */
  what: string;
}) {
  const { t } = useTranslation();
  const { ok, diff } = agrees(computed, actual);
  return (
    <p className={ok ? 'muted' : 'error'} data-testid="explain-check">
      {t('checkLine.checkRecomputedHereFrom', {
        what,
        value: ok ? t('checkLine.matches') : t('checkLine.doesNotMatch'),
        diff: fmt(diff),
      })}
    </p>
  );
}
