// A node's live picture: pixels computed from the latest activations, painted once per update with one
// putImageData (the canvas is scaled by CSS). Hidden from screen readers: the node's name says what it is.
import { memo, useEffect, useRef } from 'react';
import type { Pixels } from './strip';

export const PixelStrip = memo(function PixelStrip({
  pixels,
  className,
  testId,
}: {
  pixels: Pixels;
  className: string;
  testId: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d', { willReadFrequently: true });
    if (!canvas || !ctx) return;
    if (canvas.width !== pixels.width) canvas.width = pixels.width;
    if (canvas.height !== pixels.height) canvas.height = pixels.height;
    ctx.putImageData(new ImageData(pixels.rgba, pixels.width, pixels.height), 0, 0);
  }, [pixels]);
  return <canvas ref={ref} className={className} aria-hidden="true" data-testid={testId} />;
});
