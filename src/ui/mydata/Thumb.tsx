// One example ([channels, height, width] bytes: grey, or red, green and blue planes), drawn at its own
// pixels and scaled up by CSS.
import { useEffect, useRef } from 'react';
import { rgbaOf } from '../draw/input-image';
import type { ImageShape } from './image-shape';
import { SIDE } from './my-data';

const GREY: ImageShape = [1, SIDE, SIDE];

export function Thumb({
  pixels,
  label,
  shape = GREY,
}: {
  pixels: Uint8Array;
  label: string;
  shape?: ImageShape;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [, h, w] = shape;
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(new ImageData(rgbaOf(pixels, shape), w, h), 0, 0);
  }, [pixels, shape, w, h]);
  return <canvas ref={canvas} width={w} height={h} className="my-thumb" role="img" aria-label={label} />;
}
