// Charts redraw at most a few times a second, each redraw in its own task: a report's numbers update at
// once while the (costlier) chart catches up on a timer, so the two never add up to one long task. The
// redraw is a transition: React renders it in slices that yield to the page, so two charts updating
// together never make one long task either.
import { startTransition, useEffect, useRef, useState } from 'react';

export const CHART_INTERVAL_MS = 250;

export function useThrottled<T>(value: T, ms = CHART_INTERVAL_MS): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = Math.max(0, last.current + ms - performance.now());
    const id = setTimeout(() => {
      last.current = performance.now();
      startTransition(() => setShown(value));
    }, wait);
    return () => clearTimeout(id);
  }, [value, shown, ms]);
  return shown;
}
