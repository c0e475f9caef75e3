// nn.Linear on the layer's real input: output j in turn weighs every input by its row of trained weights,
// y_j = b_j + Σ_i w_ji·x_i. The input, the weight row and their products share one layout (a long vector
// wraps into rows, so an image flattened by Flatten looks like the image).
import { useTranslation } from 'react-i18next';
import { useMemo } from 'react';
import { AnimationControls } from './AnimationControls';
import { Bars } from './Bars';
import { CheckLine } from './CheckLine';
import { MapCanvas } from './MapCanvas';
import { colourFor } from './paint';
import { fmt, planeOf } from './tensor';
import { tensorNamed, type AnimationProps } from './types';
import { useFrames } from './useFrames';

export function DenseAnimation({ data }: AnimationProps) {
  const { t } = useTranslation();
  const x = data.inputs[0].data;
  const n = x.length;
  const outputs = data.output.data.length;
  const weight = useMemo(
    () => tensorNamed(data, 'weight') ?? new Float32Array(outputs * n),
    [data, outputs, n],
  );
  const bias = tensorNamed(data, 'bias');
  const y = useMemo(() => {
    const out = new Float32Array(outputs);
    for (let j = 0; j < outputs; j++) {
      let s = bias?.[j] ?? 0;
      for (let i = 0; i < n; i++) s += weight[j * n + i] * x[i];
      out[j] = s;
    }
    return out;
  }, [weight, bias, x, n, outputs]);
  const frames = useFrames(outputs);
  const j = frames.frame;
  const row = weight.subarray(j * n, (j + 1) * n);
  const products = useMemo(() => row.map((w, i) => w * x[i]), [row, x]);
  const sum = products.reduce((a, b) => a + b, 0);
  const xColour = useMemo(() => colourFor(x), [x]);
  const wColour = useMemo(() => colourFor(weight), [weight]);
  const pColour = useMemo(() => colourFor(products), [products]);
  const shape = (values: Float32Array) => planeOf({ shape: [n], data: values });
  return (
    <div className="kernel-animation" aria-label={t('denseAnimation.denseLayerAnimation')}>
      <AnimationControls
        frames={frames}
        unit="output"
        position={t('denseAnimation.outputOf', { j: j + 1, outputs })}
      />
      <p className="muted">
        {t('denseAnimation.y')}
        <sub>{j + 1}</sub>{' '}
        {t('denseAnimation.wXOverAll', {
          n,
          value: bias ? t('denseAnimation.b', { sum: fmt(sum), fmt: fmt(bias[j]) }) : '',
          fmt: fmt(y[j]),
        })}
      </p>
      <div className="animation-stage">
        <figure>
          <MapCanvas
            plane={shape(x)}
            colour={xColour}
            label={t('denseAnimation.theLayerSInput')}
            testId="animation-input"
          />
          <figcaption className="muted">{t('denseAnimation.inputX')}</figcaption>
        </figure>
        <figure>
          <MapCanvas
            plane={shape(row)}
            colour={wColour}
            label={t('denseAnimation.weightsOfOutput', { j: j + 1 })}
          />
          <figcaption className="muted">{t('denseAnimation.weightsOfOutput2', { j: j + 1 })}</figcaption>
        </figure>
        <figure>
          <MapCanvas
            plane={shape(products)}
            colour={pColour}
            label={t('denseAnimation.productsWXOf', { j: j + 1 })}
          />
          <figcaption className="muted">{t('denseAnimation.wXSummed')}</figcaption>
        </figure>
        <figure>
          <Bars
            values={y}
            highlight={j}
            shown={j + 1}
            label={t('denseAnimation.outputsBuiltSoFar')}
            testId="animation-output"
          />
          <figcaption className="muted">{t('denseAnimation.outputsSoFar')}</figcaption>
        </figure>
      </div>
      <CheckLine computed={y} actual={data.output.data} what="every output" />
    </div>
  );
}
