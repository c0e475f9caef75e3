// The clock of an explanation animation: a frame number that advances while playing, wraps at `count`,
// and steps by hand. Under prefers-reduced-motion it starts paused (the controls still play or step it).
import { useCallback, useEffect, useState } from 'react';

/** Time per frame while playing (ms). */
export const FRAME_MS = 350;

export interface Frames {
  /** The frame shown, in 0..count−1. */
  frame: number;
  count: number;
  playing: boolean;
  toggle(): void;
  step(by: number): void;
}

/** A pace for walks over many cells: a pass takes at least ~16 s, frames no faster than 80 ms. */
export const paceFor = (count: number) => Math.max(80, Math.min(FRAME_MS, (FRAME_MS * 196) / count));

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function useFrames(count: number, intervalMs = FRAME_MS): Frames {
  const [frame, setFrame] = useState(0);
  const [playing, setPlaying] = useState(() => !prefersReducedMotion());
  useEffect(() => {
    if (!playing) return;
    const id = setInterval(() => setFrame((f) => f + 1), intervalMs);
    return () => clearInterval(id);
  }, [playing, intervalMs]);
  const n = Math.max(1, count);
  const toggle = useCallback(() => setPlaying((p) => !p), []);
  const step = useCallback((by: number) => setFrame((f) => f + by), []);
  return { frame: ((frame % n) + n) % n, count: n, playing, toggle, step };
}
