// A pad to draw an example for the chosen class: preprocessed as the prediction pad preprocesses a
// drawing (MNIST's centring and size), so what is drawn to train and drawn to test look alike. For a
// colour dataset the brush has a colour, and the example keeps it: red, green and blue planes moved as
// the ink is.
import { useTranslation } from 'react-i18next';
import { useRef, useState, type PointerEvent } from 'react';
import { BrushColour } from '../draw/BrushColour';
import { padPlanes } from '../draw/pad-image';

const SIZE = 196;
// The prediction pad's stroke (22 px on 280) at this size.
const LINE_WIDTH = 15;

/** The pad's pixels as the example: 28×28 grey from the ink, or its three colour planes after each other. */
export function exampleOfPad(rgba: Uint8ClampedArray, side: number, colour: boolean): Uint8Array {
  return Uint8Array.from(padPlanes(rgba, side, colour), (v) => Math.round(v * 255));
}

export function ExamplePad({
  onAdd,
  target,
  colour = false,
}: {
  /** The example: 28×28 grey, or [3, 28, 28] when `colour`. */
  onAdd: (image: Uint8Array) => void;
  target: string;
  /** The dataset is in colour: the brush has a colour, and the example keeps it. */
  colour?: boolean;
}) {
  const { t } = useTranslation();
  const [brush, setBrush] = useState('#ff3030');
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const inked = useRef(false);
  const context = () => canvas.current?.getContext('2d', { willReadFrequently: true }) ?? null;
  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * SIZE) / r.width, y: ((e.clientY - r.top) * SIZE) / r.height };
  };
  const stroke = (to: { x: number; y: number }) => {
    const ctx = context();
    if (!ctx) return;
    const from = last.current ?? to;
    Object.assign(ctx, {
      strokeStyle: colour ? brush : '#fff',
      lineWidth: LINE_WIDTH,
      lineCap: 'round',
      lineJoin: 'round',
    });
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
    last.current = to;
    inked.current = true;
  };
  const clear = () => {
    context()?.clearRect(0, 0, SIZE, SIZE);
    inked.current = false;
  };
  const add = () => {
    const ctx = context();
    if (!ctx || !inked.current) return;
    onAdd(exampleOfPad(ctx.getImageData(0, 0, SIZE, SIZE).data, SIZE, colour));
    clear();
  };
  return (
    <div className="my-pad">
      <p className="muted">{t('examplePad.drawOneExampleOf', { target })}</p>
      <canvas
        ref={canvas}
        width={SIZE}
        height={SIZE}
        className="draw-pad my-pad-canvas"
        aria-label={t('examplePad.examplePadDrawAn', { target })}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          last.current = null;
          stroke(point(e));
        }}
        onPointerMove={(e) => {
          if (e.currentTarget.hasPointerCapture(e.pointerId)) stroke(point(e));
        }}
        onPointerUp={(e) => {
          e.currentTarget.releasePointerCapture(e.pointerId);
          last.current = null;
        }}
      />
      <div className="my-pad-buttons">
        {colour && <BrushColour value={brush} onChange={setBrush} />}
        <button type="button" onClick={add}>
          {t('examplePad.addDrawingTo', { target })}
        </button>
        <button type="button" onClick={clear}>
          {t('examplePad.clear')}
        </button>
      </div>
    </div>
  );
}
