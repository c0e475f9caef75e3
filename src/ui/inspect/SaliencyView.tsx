// Saliency: |d score / d pixel| of the predicted class (or a chosen one), from the engine's backward pass in
// the worker, shown beside the input and over it. The map is grey (white = most salient) so its pixels
// read linearly; the overlay tints the input red where the gradient is large.
import { useTranslation } from 'react-i18next';
import { useMemo, useState } from 'react';
import type { Rgb } from './colour';
import { maxAbs } from './colour';
import { PixelCanvas } from './PixelCanvas';
import type { SaliencyResult } from './useInspectData';
import { imageShapeOf } from '../draw/input-image';
import { GREY_28 } from '../mydata/image-shape';
import { useStore } from '../store/store';

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
  const inputShape = useStore((st) => st.spec.input.shape);
  const view = useMemo(() => {
    if (!result) return null;
    const { logits, gradients, image } = result;
    // The input's [channels, h, w]: a colour input's saliency is the largest over its three planes.
    const fits = imageShapeOf(inputShape);
    const [channels, h, w] = image.length === fits[0] * fits[1] * fits[2] ? fits : GREY_28;
    const plane = h * w;
    const predicted = logits.indexOf(Math.max(...logits));
    const c = chosen ?? predicted;
    const g = gradients.subarray(c * image.length, (c + 1) * image.length);
    const scale = maxAbs(g) || 1;
    const saliency = Float32Array.from({ length: plane }, (_, i) => {
      let most = 0;
      for (let k = 0; k < channels; k++) most = Math.max(most, Math.abs(g[k * plane + i]));
      return most / scale;
    });
    const ink = (i: number, k: number) =>
      Math.max(0, Math.min(1, image[(channels === 1 ? 0 : k) * plane + i]));
    // Both pictures paint pixel indices: the colour reads the image (and the saliency) at that index.
    const pixels = Float32Array.from({ length: plane }, (_, i) => i);
    const inputColour = (i: number): Rgb => [0, 1, 2].map((k) => Math.round(255 * ink(i, k))) as Rgb;
    const overlayColour = (i: number): Rgb => {
      const grey =
        0.6 * (channels === 1 ? ink(i, 0) : 0.299 * ink(i, 0) + 0.587 * ink(i, 1) + 0.114 * ink(i, 2));
      const heat = saliency[i];
      const rest = Math.round(255 * grey * (1 - heat));
      return [Math.round(255 * Math.max(grey, heat)), rest, rest];
    };
    return { predicted, c, saliency, pixels, inputColour, overlayColour, h, w };
  }, [result, chosen, inputShape]);
  if (!view) return <p className="muted">{t('saliencyView.saliencyAppearsOnceThe')}</p>;
  const name = (c: number) => classNames[c] ?? String(c);
  return (
    <div className="saliency" aria-label={t('saliencyView.saliency')}>
      <figure className="inspect-figure">
        <PixelCanvas
          values={view.pixels}
          h={view.h}
          w={view.w}
          colour={view.inputColour}
          label={t('saliencyView.inputImage')}
          className="big"
          testId="saliency-input"
        />
        <figcaption>{t('saliencyView.inputPredicted', { predicted: name(view.predicted) })}</figcaption>
      </figure>
      <figure className="inspect-figure">
        <PixelCanvas
          values={view.saliency}
          h={view.h}
          w={view.w}
          colour={grey}
          label={t('saliencyView.saliencyMap')}
          className="big"
          testId="saliency-map"
        />
        <figcaption>{t('saliencyView.scorePixel', { c: name(view.c) })}</figcaption>
      </figure>
      <figure className="inspect-figure">
        <PixelCanvas
          values={view.pixels}
          h={view.h}
          w={view.w}
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
