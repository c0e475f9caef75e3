// The size of an element, kept up to date by a ResizeObserver; a change under half a pixel is no change,
// so a redraw that does not move the box does not render again.
import { useEffect, useState } from 'react';

export interface Size {
  width: number;
  height: number;
}

/** A callback ref and the size of the element it is given. */
export function useSize<E extends Element = HTMLDivElement>(): [(el: E | null) => void, Size] {
  const [el, setEl] = useState<E | null>(null);
  const [size, setSize] = useState<Size>({ width: 0, height: 0 });
  useEffect(() => {
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      setSize((s) =>
        Math.round(s.width) === Math.round(width) && Math.round(s.height) === Math.round(height)
          ? s
          : { width, height },
      );
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [el]);
  return [setEl, size];
}
