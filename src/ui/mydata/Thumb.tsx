// One example ([channels, height, width] bytes: grey, or red, green and blue planes), drawn at its own
// pixels and scaled up by CSS.
import { useEffect, useRef } from 'react';
import { SIDE } from './my-data';

export type ImageShape = readonly [number, number, number];

/** The image's bytes as canvas RGBA: grey repeated in each colour, or the three planes interleaved. */
export function rgbaOf(pixels: Uint8Array, [channels, h, w]: ImageShape): Uint8ClampedArray<ArrayBuffer> {
  const plane = h * w;
  const out = new Uint8ClampedArray(4 * plane);
  for (let i = 0; i < plane; i++) {
    const grey = channels === 1;
    out[4 * i] = pixels[i];
    out[4 * i + 1] = pixels[grey ? i : plane + i];
    out[4 * i + 2] = pixels[grey ? i : 2 * plane + i];
    out[4 * i + 3] = 255;
  }
  return out;
}

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
