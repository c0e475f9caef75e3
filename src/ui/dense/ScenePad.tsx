// A large pad to draw a scene of several digits on: the drawing, area-averaged down to the scene's side,
// goes to the network when a stroke ends, and its answer (a coloured label map, or boxes) is drawn over a
// copy of the scene beside the pad.
import { useTranslation } from 'react-i18next';
import { useEffect, useRef, type PointerEvent } from 'react';
import type { TrainerClient } from '../../training/client';
import { useStore } from '../store/store';
import type { DenseView } from './dense-state';
import { SceneCanvas } from './SceneCanvas';
import { answerText, penWidth, toScene } from './scene-pad';

const SIZE = 384;

function readInk(canvas: HTMLCanvasElement): Float32Array {
  const data = canvas.getContext('2d', { willReadFrequently: true })?.getImageData(0, 0, SIZE, SIZE).data;
  const ink = new Float32Array(SIZE * SIZE);
  if (data) for (let i = 0; i < ink.length; i++) ink[i] = data[4 * i] / 255;
  return ink;
}

interface Props {
  view: DenseView;
  client: TrainerClient | null;
  /** The last drawing sent, as scene pixels 0..255 (kept by the panel so the answer is drawn over it). */
  drawing: Uint8Array | null;
  onDrawing: (scene: Uint8Array | null) => void;
  /** Boxes scoring less are not drawn. */
  minScore: number;
}

let nextId = 1;

export function ScenePad({ view, client, drawing, onDrawing, minScore }: Props) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  /** The drawing last sent, as the network's input (cleared with the pad or a new scene side). */
  const sent = useRef<Float32Array | null>(null);
  const side = view.side;
  const names = useStore((s) => s.dataset.classNames);
  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * SIZE) / r.width, y: ((e.clientY - r.top) * SIZE) / r.height };
  };
  const stroke = (to: { x: number; y: number }) => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const from = last.current ?? to;
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = penWidth(SIZE, side);
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
    last.current = to;
  };
  const send = () => {
    if (!canvas.current || side === 0) return;
    const image = toScene(readInk(canvas.current), SIZE, SIZE, side);
    sent.current = image;
    onDrawing(Uint8Array.from(image, (v) => Math.round(v * 255)));
  };
  const clear = () => {
    canvas.current?.getContext('2d')?.clearRect(0, 0, SIZE, SIZE);
    sent.current = null;
    onDrawing(null);
  };
  const answer = view.drawn;
  // A new drawing goes to the network, and again after each evaluation, so its answer follows the training.
  const evaluatedAt = view.previews?.step;
  useEffect(() => {
    const image = sent.current;
    if (!drawing || !image || image.length !== side * side) return;
    client?.dense({ kind: 'predict', id: nextId++, image });
  }, [evaluatedAt, client, drawing, side]);
  return (
    <section aria-label={t('scenePad.drawAScene')} className="scene-pad">
      <h3>{t('scenePad.drawAScene')}</h3>
      <p className="muted">{t('scenePad.drawAFewDigits')}</p>
      <div className="scene-pad-row">
        <canvas
          ref={canvas}
          width={SIZE}
          height={SIZE}
          className="scene-pad-canvas"
          data-testid="scene-pad"
          aria-label={t('scenePad.sceneDrawingPad')}
          onPointerDown={(e) => {
            e.currentTarget.setPointerCapture(e.pointerId);
            last.current = null;
            stroke(point(e));
          }}
          onPointerMove={(e) => {
            // A stroke starts on the pad: a drag that began elsewhere (a text selection) does not draw.
            if (e.currentTarget.hasPointerCapture(e.pointerId)) stroke(point(e));
          }}
          onPointerUp={() => {
            last.current = null;
            send();
          }}
        />
        {drawing && answer && (
          <div className="scene-pad-answer">
            <SceneCanvas
              side={side}
              image={drawing}
              labels={answer.maps ?? null}
              boxes={(answer.detections?.[0] ?? []).filter((d) => d.score >= minScore)}
              scale={Math.floor(SIZE / side / 1.5)}
              label={
                view.task === 'detection' ? t('scenePad.boxesFoundInYour') : t('scenePad.yourDrawingLabelled')
              }
              testId="scene-pad-answer"
            />
            <p aria-live="polite" data-testid="scene-pad-text">
              {answerText(answer, minScore, names)}
            </p>
          </div>
        )}
      </div>
      <button type="button" onClick={clear}>
        {t('scenePad.clearPad')}
      </button>
    </section>
  );
}
