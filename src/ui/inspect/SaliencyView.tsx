// Saliency: |d score / d pixel| of the predicted class (or a chosen one), from the engine's backward pass in
// the worker, shown beside the input and over it. The map is grey (white = most salient) so its pixels
// read linearly; the overlay tints the input red where the gradient is large.
import { useTranslation } from 'react-i18next';
import { useMemo, useState } from 'react';
import type { Rgb } from './colour';
import { maxAbs } from './colour';
import { PixelCanvas } from './PixelCanvas';
import type { SaliencyResult } from './useInspectData';

const grey = (v: number): Rgb => {
  const g = Math.round(255 * Math.max(0, Math.min(1, v)));
  return [g, g, g];
};

export function SaliencyView({
  result,
  classNames,
}: {
  result: SaliencyResult | null;
  classNames: string[];
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<number | null>(null);
  const view = useMemo(() => {
    if (!result) return null;
    const { logits, gradients, image } = result;
    const predicted = logits.indexOf(Math.max(...logits));
    const c = chosen ?? predicted;
    const g = gradients.subarray(c * 784, (c + 1) * 784);
    const scale = maxAbs(g) || 1;
    const saliency = Float32Array.from(g, (v) => Math.abs(v) / scale);
    // The overlay paints pixel indices; its colour reads the ink and the saliency at that index.
    const overlay = Float32Array.from({ length: 784 }, (_, i) => i);
    const overlayColour = (i: number): Rgb => {
      const ink = 0.6 * image[i];
      const heat = saliency[i];
      const rest = Math.round(255 * ink * (1 - heat));
      return [Math.round(255 * Math.max(ink, heat)), rest, rest];
    };
    return { predicted, c, saliency, overlay, overlayColour, image };
  }, [result, chosen]);
  if (!view) return <p className="muted">{t('saliencyView.saliencyAppearsOnceThe')}</p>;
  const name = (c: number) => classNames[c] ?? String(c);
  return (
    <div className="saliency" aria-label={t('saliencyView.saliency')}>
      <figure className="inspect-figure">
        <PixelCanvas
          values={view.image}
          h={28}
          w={28}
          colour={grey}
          label={t('saliencyView.inputImage')}
          className="big"
          testId="saliency-input"
        />
        <figcaption>{t('saliencyView.inputPredicted', { predicted: name(view.predicted) })}</figcaption>
      </figure>
      <figure className="inspect-figure">
        <PixelCanvas
          values={view.saliency}
          h={28}
          w={28}
          colour={grey}
          label={t('saliencyView.saliencyMap')}
          className="big"
          testId="saliency-map"
        />
        <figcaption>{t('saliencyView.scorePixel', { c: name(view.c) })}</figcaption>
      </figure>
      <figure className="inspect-figure">
        <PixelCanvas
          values={view.overlay}
          h={28}
          w={28}
          colour={view.overlayColour}
          label={t('saliencyView.saliencyOverTheInput')}
          className="big"
        />
        <figcaption>{t('saliencyView.overTheInput')}</figcaption>
      </figure>
      <label className="saliency-class">
        {t('saliencyView.class')}
        <select value={view.c} onChange={(e) => setChosen(Number(e.target.value))}>
          {Array.from({ length: result!.logits.length }, (_, c) => (
            <option key={c} value={c}>
              {name(c)}
              {c === view.predicted ? t('saliencyView.predicted') : ''}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
