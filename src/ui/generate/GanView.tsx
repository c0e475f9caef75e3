// GAN live view: the sample grid from fixed noise, D and G losses with D(x) and D(G(z)), a health warning
// in plain words, and a slider that walks the line between two of the fixed noise vectors. A conditional
// GAN's grid has a row per digit, and a digit picker shows the generator's images of the digit picked.
import { useTranslation } from 'react-i18next';
import { useEffect, useState } from 'react';
import type { TrainerClient } from '../../training/client';
import { interpolateNoise } from '../../training/generative/common';
import { withDigits } from '../../training/generative/conditional';
import { DigitScoreView } from './DigitScoreView';
import { GenerateChart } from './GenerateCharts';
import { DIGIT_PICK_ID, type GenerateView } from './generate-state';
import { ImageGrid } from './ImageGrid';

export function GanView({ view, client }: { view: GenerateView; client: TrainerClient | null }) {
  const { t } = useTranslation();
  const [mix, setMix] = useState(50);
  const [digit, setDigit] = useState(0);
  const last = view.points.at(-1);
  const conditional = view.classes > 0;
  /** Generator inputs for noise rows: a conditional GAN's with the picked digit after each. */
  const inputs = (noise: Float32Array) =>
    conditional
      ? withDigits(noise, view.latentDim, new Array<number>(noise.length / view.latentDim).fill(digit))
      : noise;
  const interpolate = (value: number) => {
    setMix(value);
    const z = view.fixedNoise;
    const n = view.latentDim;
    if (!z || z.length < 2 * n) return;
    const at = interpolateNoise(z.subarray(0, n), z.subarray(n, 2 * n), 101).subarray(
      value * n,
      (value + 1) * n,
    );
    client?.generative({ kind: 'generate', id: Date.now(), noise: inputs(at.slice()) });
  };
  // The picked digit from every fixed noise vector, again whenever a new grid shows the generator changed.
  const { fixedNoise, sampleUpdates } = view;
  useEffect(() => {
    if (!conditional || !fixedNoise) return;
    const noise = withDigits(
      fixedNoise,
      view.latentDim,
      new Array<number>(fixedNoise.length / view.latentDim).fill(digit),
    );
    client?.generative({ kind: 'generate', id: DIGIT_PICK_ID, noise });
  }, [client, conditional, fixedNoise, view.latentDim, digit, sampleUpdates]);
  return (
    <div className="generate-view">
      {conditional && (
        <div className="digit-pick">
          <div role="group" aria-label={t('ganView.pickADigit')} className="control-buttons">
            {Array.from({ length: view.classes }, (_, d) => (
              <button key={d} type="button" aria-pressed={digit === d} onClick={() => setDigit(d)}>
                {d}
              </button>
            ))}
          </div>
          {view.digitSamples && (
            <figure>
              <figcaption>{t('ganView.samplesOfDigit', { digit })}</figcaption>
              <ImageGrid
                images={view.digitSamples}
                columns={view.classes}
                scale={3}
                label={t('ganView.digitSamples', { digit })}
                testId="digit-samples"
              />
            </figure>
          )}
        </div>
      )}
      {view.samples && (
        <figure>
          <figcaption>
            {conditional
              ? t('ganView.gridByDigit', { step: view.samples.step })
              : t('ganView.samplesFrom16Fixed', { step: view.samples.step })}
          </figcaption>
          <ImageGrid
            images={view.samples.images}
            columns={conditional ? view.classes : 8}
            label={t('ganView.generatedSamplesFromFixed')}
            testId="samples"
          />
        </figure>
      )}
      {view.warning && (
        <p role="alert" className="warning" data-testid="gan-warning">
          {view.warning}
        </p>
      )}
      {last && (
        <p className="figures" data-testid="gan-figures">
          {t('ganView.dLossGLoss', {
            dLoss: last.dLoss?.toFixed(3),
            gLoss: last.gLoss?.toFixed(3),
            dReal: last.dReal?.toFixed(2),
            dFake: last.dFake?.toFixed(2),
          })}
        </p>
      )}
      <DigitScoreView view={view} />
      <GenerateChart
        label={t('ganView.ganLosses')}
        points={view.points}
        series={[
          { key: 'dLoss', name: t('ganView.dLoss'), colour: '#d62728' },
          { key: 'gLoss', name: t('ganView.gLoss'), colour: '#1f77b4' },
        ]}
      />
      <GenerateChart
        label={t('ganView.dXAndD')}
        points={view.points}
        series={[
          { key: 'dReal', name: 'D(x)', colour: '#2ca02c' },
          { key: 'dFake', name: 'D(G(z))', colour: '#ff7f0e' },
        ]}
      />
      <div className="interpolate">
        <label>
          {t('ganView.interpolateBetweenTheFirst')}
          <input
            type="range"
            min={0}
            max={100}
            value={mix}
            onChange={(e) => interpolate(Number(e.target.value))}
          />
        </label>
        {view.interpolated && (
          <ImageGrid
            images={view.interpolated}
            columns={1}
            scale={4}
            label={t('ganView.imageFromTheInterpolated')}
            testId="interpolated"
          />
        )}
      </div>
    </div>
  );
}
