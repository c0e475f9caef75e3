// Concat on the layer's real inputs: the output's channels are the first input's channels, then the
// second's, and so on; each step moves one channel (one value, for flat vectors) into place.
import { useTranslation } from 'react-i18next';
import { useMemo } from 'react';
import { AnimationControls } from './AnimationControls';
import { CheckLine } from './CheckLine';
import { cellAt, layoutOf, paintLayout, type Layout } from './layout';
import { MapCanvas, type Mark } from './MapCanvas';
import { colourFor } from './paint';
import { planeCount } from './tensor';
import type { AnimationProps } from './types';
import { useFrames } from './useFrames';

export function ConcatAnimation({ data }: AnimationProps) {
  const { t } = useTranslation();
  const units = data.inputs.map((x) => planeCount(x.shape) * (x.shape.length === 3 ? 1 : x.data.length));
  const total = units.reduce((a, b) => a + b, 0);
  const unitSize = data.output.data.length / total;
  const joined = useMemo(() => {
    const out = new Float32Array(data.output.data.length);
    let at = 0;
    for (const x of data.inputs) {
      out.set(x.data, at);
      at += x.data.length;
    }
    return out;
  }, [data]);
  const frames = useFrames(total, 500);
  const k = frames.frame;
  let source = 0;
  while (k >= units.slice(0, source + 1).reduce((a, b) => a + b, 0)) source++;
  const local = k - units.slice(0, source).reduce((a, b) => a + b, 0);
  const colour = useMemo(() => colourFor(joined), [joined]);
  const outLayout = useMemo(() => layoutOf(data.output.shape), [data]);
  const inLayouts = useMemo(() => data.inputs.map((x) => layoutOf(x.shape)), [data]);
  const unitMark = (layout: Layout, unit: number): Mark => {
    const first = cellAt(layout, unit * unitSize);
    const side = data.output.shape.length === 3 ? data.output.shape : [1, 1, 1];
    return { ...first, h: side[1], w: side[2] };
  };
  return (
    <div className="kernel-animation" aria-label={t('concatAnimation.concatAnimation')}>
      <AnimationControls
        frames={frames}
        unit="channel"
        position={t(
          unitSize > 1 ? 'concatAnimation.outputChannelOfInput' : 'concatAnimation.outputValueOfInput',
          {
            k: k + 1,
            total,
            source: source + 1,
            local: local + 1,
          },
        )}
      />
      <div className="animation-stage">
        {data.inputs.map((x, i) => (
          <figure key={i}>
            <MapCanvas
              plane={{ ...inLayouts[i], values: paintLayout(inLayouts[i], x.data) }}
              colour={colour}
              marks={i === source ? [unitMark(inLayouts[i], local)] : []}
              label={t('concatAnimation.input', { i: i + 1 })}
              testId={i === 0 ? 'animation-input' : undefined}
            />
            <figcaption className="muted">
              {unitSize > 1
                ? t('concatAnimation.inputChannels', { i: i + 1, n: units[i] })
                : t('concatAnimation.inputValues', { i: i + 1, n: units[i] })}
            </figcaption>
          </figure>
        ))}
        <figure>
          <MapCanvas
            plane={{ ...outLayout, values: paintLayout(outLayout, joined, (k + 1) * unitSize - 1) }}
            colour={colour}
            marks={[unitMark(outLayout, k)]}
            label={t('concatAnimation.theOutputSoFar')}
            testId="animation-output"
          />
          <figcaption className="muted">
            {unitSize > 1
              ? t('concatAnimation.outputChannels', { total })
              : t('concatAnimation.outputValues', { total })}
          </figcaption>
        </figure>
      </div>
      <CheckLine computed={joined} actual={data.output.data} what="the inputs one after another" />
    </div>
  );
}
