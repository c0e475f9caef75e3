// One 28×28 greyscale example, drawn at its own pixels and scaled up by CSS.
import { useEffect, useRef } from 'react';
import { SIDE } from './myData';

export function Thumb({ pixels, label }: { pixels: Uint8Array; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(SIDE, SIDE);
    pixels.forEach((v, i) => image.data.set([v, v, v, 255], 4 * i));
    ctx.putImageData(image, 0, 0);
  }, [pixels]);
  return (
    <canvas ref={canvas} width={SIDE} height={SIDE} className="my-thumb" role="img" aria-label={label} />
  );
}
