// One h×w grid of values painted pixel-exact into a canvas (scaled up by CSS, pixelated).
import { useTranslation } from 'react-i18next';
import { useEffect, useRef } from 'react';
import { paint, type Rgb } from './colour';

export interface PixelCanvasProps {
  values: ArrayLike<number>;
  h: number;
  w: number;
  colour: (v: number) => Rgb;
  label: string;
  className?: string;
  testId?: string;
  onClick?: () => void;
  /** CSS pixels per value; default: sized by the stylesheet. */
  zoom?: number;
}

export function PixelCanvas({
  values,
  h,
  w,
  colour,
  label,
  className,
  testId,
  onClick,
  zoom,
}: PixelCanvasProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(w, h);
    paint(values, colour, image.data);
    ctx.putImageData(image, 0, 0);
  }, [values, h, w, colour]);
  const canvas = (
    <canvas
      ref={ref}
      width={w}
      height={h}
      className={`pixels ${className ?? ''}`}
      role="img"
      aria-label={label}
      data-testid={testId}
      style={zoom ? { width: w * zoom, height: h * zoom } : undefined}
    />
  );
  if (!onClick) return canvas;
  return (
    <button
      type="button"
      className="pixel-button"
      onClick={onClick}
      aria-label={t('pixelCanvas.enlarge', { label })}
    >
      {canvas}
    </button>
  );
}
