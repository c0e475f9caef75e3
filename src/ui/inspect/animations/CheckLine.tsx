// The animation's arithmetic checked against the engine: what the page recomputed from the values it
// shows, compared with the layer's output from the worker.
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
  const { ok, diff } = agrees(computed, actual);
  return (
    <p className={ok ? 'muted' : 'error'} data-testid="explain-check">
      Check: {what}, recomputed here from the values shown, {ok ? 'matches' : 'does not match'} the engine's
      output for this layer (largest difference {fmt(diff)}).
    </p>
  );
}
