// A test image (bytes 0..255, grey or colour planes of the design's input shape) drawn pixel-exact into a
// small canvas, scaled up by CSS.
import { useEffect, useRef } from 'react';
import { GREY_28, type ImageShape } from '../mydata/image-shape';
import { rgbaOf } from '../draw/input-image';

export function DigitImage({
  pixels,
  label,
  shape = GREY_28,
}: {
  pixels: Uint8Array;
  label: string;
  shape?: ImageShape;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [, h, w] = shape;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(new ImageData(rgbaOf(pixels, shape), w, h), 0, 0);
  }, [pixels, shape, w, h]);
  return <canvas ref={ref} width={w} height={h} className="digit" role="img" aria-label={label} />;
}
