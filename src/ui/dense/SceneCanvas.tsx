// One scene drawn at `scale` screen pixels per scene pixel: greyscale, with a label map laid over it in the
// classes' colours, or boxes outlined in them and tagged with the class's name (and the score, for detections).
import { useEffect, useRef } from 'react';
import { useStore } from '../store/store';
import { digitCss, overlayPixels } from './colours';
import { className } from './scene-pad';

export interface DrawnBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  label: number;
  score?: number;
}

interface Props {
  side: number;
  image: Uint8Array;
  labels?: Uint8Array | null;
  boxes?: readonly DrawnBox[];
  scale?: number;
  label: string;
  testId?: string;
}

export function SceneCanvas({ side, image, labels = null, boxes = [], scale = 3, label, testId }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  const size = side * scale;
  const names = useStore((s) => s.dataset.classNames);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || image.length !== side * side) return;
    const small = document.createElement('canvas');
    small.width = side;
    small.height = side;
    const pixels = overlayPixels(image, labels && labels.length === image.length ? labels : null);
    small.getContext('2d')?.putImageData(new ImageData(pixels, side, side), 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(small, 0, 0, size, size);
    ctx.lineWidth = 2;
    // The tag's text grows with the scene up to 16 px, and its background fits the text.
    const fontPx = Math.min(16, Math.max(10, scale * 4));
    const tag = fontPx + 4;
    ctx.font = `${fontPx}px sans-serif`;
    ctx.textBaseline = 'bottom';
    for (const b of boxes) {
      const colour = digitCss(b.label);
      ctx.strokeStyle = colour;
      ctx.strokeRect(b.x0 * scale, b.y0 * scale, (b.x1 - b.x0) * scale, (b.y1 - b.y0) * scale);
      const name = className(names, b.label);
      const text = b.score === undefined ? name : `${name} ${b.score.toFixed(2)}`;
      const width = ctx.measureText(text).width + 4;
      const y = Math.max(b.y0 * scale, tag);
      ctx.fillStyle = colour;
      ctx.fillRect(b.x0 * scale, y - tag, width, tag);
      ctx.fillStyle = '#000';
      ctx.fillText(text, b.x0 * scale + 2, y - 2);
    }
  }, [side, image, labels, boxes, scale, size, names]);
  return (
    <canvas
      ref={ref}
      role="img"
      aria-label={label}
      data-testid={testId}
      data-boxes={boxes.length}
      data-labelled={labels ? labels.reduce((a, v) => a + (v > 0 ? 1 : 0), 0) : 0}
      width={size}
      height={size}
      className="scene-canvas"
    />
  );
}
