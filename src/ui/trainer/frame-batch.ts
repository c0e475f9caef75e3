// Collects worker events and hands them over together at the next animation frame, so a burst of
// reports (fast GPUs report many times a frame) costs one store update and one render. A timer bounds
// the wait where frames do not come (a hidden tab) and outside browsers.

export interface FrameBatch<T> {
  push(item: T): void;
  /** Delivers what is queued now (before an event that must see it, e.g. an evaluation). */
  flush(): void;
  dispose(): void;
}

export function frameBatch<T>(deliver: (items: T[]) => void, maxWaitMs = 250): FrameBatch<T> {
  let queue: T[] = [];
  let frame: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const cancel = () => {
    if (frame !== null) cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
    frame = timer = null;
  };
  const flush = () => {
    cancel();
    if (queue.length === 0) return;
    const items = queue;
    queue = [];
    deliver(items);
  };
  return {
    push(item) {
      queue.push(item);
      if (timer !== null) return;
      timer = setTimeout(flush, maxWaitMs);
      if (typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(flush);
    },
    flush,
    dispose() {
      cancel();
      queue = [];
    },
  };
}
