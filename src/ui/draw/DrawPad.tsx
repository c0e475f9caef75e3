// A pad to draw a digit with mouse, touch or pen (pointer events), preprocessed like MNIST and classified
// by the trained network as you draw, and again when loaded weights replace the model's.
import { useEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { tr } from '../../i18n';
import { useStore } from '../store/store';
import { latestOnly } from './latest-only';
import { imageShapeOf, padInput } from './input-image';
import { BrushColour } from './BrushColour';
import { otherTaskReason } from '../training/train-gate';
import { ProbabilityBars } from './ProbabilityBars';

const SIZE = 280;
// About 2 px of a 28×28 digit after the 20-pixel box scaling, like MNIST's strokes.
const LINE_WIDTH = 22;

/**
 * The pad's context. Every call asks for willReadFrequently: the first getContext call fixes the
 * attributes, and each stroke is read back, so the pixels must stay on the CPU side.
 */
const padContext = (canvas: HTMLCanvasElement | null) =>
  canvas?.getContext('2d', { willReadFrequently: true }) ?? null;

/** The drawing as the design's input (of `shape`): colour planes for a colour input, else grey. */
function readInput(canvas: HTMLCanvasElement, shape: readonly number[]): Float32Array {
  const rgba =
    padContext(canvas)?.getImageData(0, 0, SIZE, SIZE).data ?? new Uint8ClampedArray(4 * SIZE * SIZE);
  return padInput(rgba, SIZE, shape);
}

/** How often (ms) a drawn digit is classified again while the network trains. */
const REPREDICT_MS = 1000;

export function DrawPad() {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  // The classifier predicts; an autoencoder or GAN in the builder is not the network that would answer.
  const otherTask = useStore((s) => otherTaskReason(s.spec));
  const canPredict = useStore((s) => s.client !== null && s.dataset.phase === 'ready') && !otherTask;
  const predicted = useStore((s) => s.drawProbabilities !== null);
  // A colour dataset's network reads colours: the brush gets one, and the drawing keeps it.
  const colour = useStore((s) => imageShapeOf(s.spec.input.shape)[0] === 3);
  const [brush, setBrush] = useState('#ff3030');
  const predict = useMemo(
    () =>
      latestOnly(
        async (image: Float32Array) => {
          const client = useStore.getState().client;
          if (client) useStore.getState().setDrawProbabilities(await client.predict(image));
        },
        (error) => useStore.getState().setNotice(tr('ui:drawPad.predictionFailed', { error: String(error) })),
      ),
    [],
  );

  // A design whose input changes shape (a colour or larger dataset) gets the drawing fitted to it again,
  // from the pad itself, so the classifier and the inspect views always read an image of its size.
  const inputShape = useStore((s) => s.spec.input.shape.join('×'));
  useEffect(() => {
    const { drawnImage, spec } = useStore.getState();
    if (!drawnImage || !canvas.current) return;
    const image = readInput(canvas.current, spec.input.shape);
    if (image.length !== drawnImage.length) useStore.getState().setDrawnImage(image);
  }, [inputShape]);

  // Loaded weights (or the model becoming ready) classify the digit already drawn.
  const weightsVersion = useStore((s) => s.weightsVersion);
  useEffect(() => {
    const image = useStore.getState().drawnImage;
    if (image && canPredict) predict(image.slice());
  }, [weightsVersion, canPredict, predict, inputShape]);

  // While the network trains, the digit already drawn is classified again as it learns (at most once a
  // second), and once more when training stops: its probabilities move with the network's.
  const training = useStore((s) => s.trainerState === 'training');
  const step = useStore((s) => s.progress?.step ?? 0);
  const askedAt = useRef(-Infinity);
  useEffect(() => {
    const image = useStore.getState().drawnImage;
    if (!image || !canPredict) return;
    const now = performance.now();
    if (training && now - askedAt.current < REPREDICT_MS) return;
    askedAt.current = now;
    predict(image.slice());
  }, [step, training, canPredict, predict]);

  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * SIZE) / r.width, y: ((e.clientY - r.top) * SIZE) / r.height };
  };
  const stroke = (to: { x: number; y: number }) => {
    const ctx = padContext(canvas.current);
    if (!ctx) return;
    const from = last.current ?? to;
    ctx.strokeStyle = colour ? brush : '#fff';
    ctx.lineWidth = LINE_WIDTH;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
    last.current = to;
  };
  const classify = () => {
    if (!canvas.current) return;
    // Drawn as MNIST's 28×28 (grey, or colour planes), then fitted to the design's input.
    const image = readInput(canvas.current, useStore.getState().spec.input.shape);
    // A copy for the inspect views: predict transfers the image's buffer to the worker.
    useStore.getState().setDrawnImage(image.slice());
    if (canPredict) predict(image);
  };
  const clear = () => {
    const ctx = padContext(canvas.current);
    ctx?.clearRect(0, 0, SIZE, SIZE);
    useStore.getState().setDrawProbabilities(null);
    useStore.getState().setDrawnImage(null);
  };

  return (
    <section aria-label={t('drawPad.drawADigit')} className="draw">
      <canvas
        ref={canvas}
        width={SIZE}
        height={SIZE}
        className="draw-pad"
        aria-label={t('drawPad.pad')}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          last.current = null;
          stroke(point(e));
          classify();
        }}
        onPointerMove={(e) => {
          if (!e.currentTarget.hasPointerCapture(e.pointerId)) return;
          stroke(point(e));
          classify();
        }}
        onPointerUp={(e) => {
          e.currentTarget.releasePointerCapture(e.pointerId);
          last.current = null;
          classify();
        }}
      />
      <div className="draw-side">
        <button type="button" onClick={clear}>
          {t('drawPad.clear')}
        </button>
        {colour && <BrushColour value={brush} onChange={setBrush} />}
        {/* The note and the bars share one place, so the first answer shifts nothing. */}
        <div className="draw-answer">
          {!canPredict && (
            <p className="muted">{otherTask ? t('drawPad.otherTask') : t('drawPad.notReady')}</p>
          )}
          {canPredict && !predicted && <p className="muted">{t('drawPad.prompt')}</p>}
          {!otherTask && <ProbabilityBars />}
        </div>
      </div>
    </section>
  );
}
