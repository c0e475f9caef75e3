// Dropout on the layer's real input: the mask the next training step draws for the first image of its
// batch (from the run's seed), revealed cell by cell: kept values are scaled by 1/(1 − p), dropped ones
// become 0. When evaluating (these views, predictions) the layer passes values unchanged.
import { useTranslation } from 'react-i18next';
import { useMemo, useState } from 'react';
import type { Rgb } from '../colour';
import { AnimationControls, Picker } from './AnimationControls';
import { CheckLine } from './CheckLine';
import { MapCanvas } from './MapCanvas';
import { builtSoFar, colourFor } from './paint';
import { fmt, planeCount, planeOf } from './tensor';
import { numberParam, type AnimationProps } from './types';
import { paceFor, useFrames } from './useFrames';

/** Mask cells: kept, dropped, or a zero input (0 either way). */
const KEPT = 1;
const DROPPED = 0;
const ZERO = 0.5;
const maskColour = (v: number): Rgb =>
  v === KEPT ? [240, 240, 240] : v === DROPPED ? [20, 20, 20] : [120, 120, 120];

export function DropoutAnimation({ layer, data }: AnimationProps) {
  const { t } = useTranslation();
  const p = numberParam(layer, 'p', 0.5);
  const scale = p < 1 ? 1 / (1 - p) : 0;
  const [channel, setChannel] = useState(0);
  const x = useMemo(() => planeOf(data.inputs[0], channel), [data, channel]);
  const y = useMemo(() => planeOf(data.trainOutput, channel), [data, channel]);
  const mask = useMemo(
    () =>
      x.values.map((v, i) => (Number.isNaN(v) ? NaN : v === 0 ? ZERO : y.values[i] !== 0 ? KEPT : DROPPED)),
    [x, y],
  );
  const n = data.inputs[0].data.length;
  const frames = useFrames(n / planeCount(data.inputs[0].shape), paceFor(x.h * x.w));
  const cell = frames.frame;
  const [i, j] = [Math.floor(cell / x.w), cell % x.w];
  const colour = useMemo(() => colourFor(data.inputs[0].data, data.trainOutput.data), [data]);
  const expected = useMemo(() => {
    const out = new Float32Array(n);
    data.inputs[0].data.forEach((v, k) => (out[k] = data.trainOutput.data[k] !== 0 ? v * scale : 0));
    return out;
  }, [data, n, scale]);
  const dropped = data.inputs[0].data.filter((v, k) => v !== 0 && data.trainOutput.data[k] === 0).length;
  const nonzero = data.inputs[0].data.filter((v) => v !== 0).length;
  const m = mask[cell];
  const marks = [{ y: i, x: j }];
  return (
    <div className="kernel-animation" aria-label={t('dropoutAnimation.dropoutAnimation')}>
      <AnimationControls
        frames={frames}
        unit="value"
        position={t('dropoutAnimation.valueOf2', { cell: cell + 1, count: frames.count })}
      >
        <Picker
          label={t('dropoutAnimation.channel')}
          count={planeCount(data.inputs[0].shape)}
          value={channel}
          onChange={setChannel}
        />
      </AnimationControls>
      <p className="muted">
        x = {fmt(x.values[cell])}:{' '}
        {m === KEPT
          ? t('dropoutAnimation.kept11', { p, fmt: fmt(y.values[cell]) })
          : m === DROPPED
            ? t('dropoutAnimation.dropped0')
            : t('dropoutAnimation.zeroSo0Whether')}
        .
      </p>
      <div className="animation-stage">
        <figure>
          <MapCanvas
            plane={x}
            colour={colour}
            marks={marks}
            label={t('dropoutAnimation.theLayerSInput')}
            testId="animation-input"
          />
          <figcaption className="muted">{t('dropoutAnimation.inputX')}</figcaption>
        </figure>
        <figure>
          <MapCanvas
            plane={{ ...x, values: mask }}
            colour={maskColour}
            marks={marks}
            label={t('dropoutAnimation.theMaskWhiteKept')}
          />
          <figcaption className="muted">{t('dropoutAnimation.maskWhiteKept')}</figcaption>
        </figure>
        <figure>
          <MapCanvas
            plane={{ ...y, values: builtSoFar(y.values, cell) }}
            colour={colour}
            marks={marks}
            label={t('dropoutAnimation.theTrainingOutputSo')}
            testId="animation-output"
          />
          <figcaption className="muted">{t('dropoutAnimation.trainingOutput')}</figcaption>
        </figure>
      </div>
      <p className="muted">
        {t('dropoutAnimation.trainingStepDropsOf', {
          step: data.step + 1,
          dropped,
          nonzero,
          value: ((100 * dropped) / Math.max(1, nonzero)).toFixed(1),
          p,
        })}
      </p>
      <CheckLine computed={expected} actual={data.trainOutput.data} what="every kept value × 1/(1 − p)" />
    </div>
  );
}
