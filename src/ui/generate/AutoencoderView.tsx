// Autoencoder live view: original/reconstruction pairs, the loss curve, and with a 2-D code the latent
// space of the test set, where a click decodes that point into an image, beside its atlas (the plane
// decoded over a grid).
import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { TrainerClient } from '../../training/client';
import { DigitScoreView } from './DigitScoreView';
import { GenerateChart } from './GenerateCharts';
import type { GenerateView } from './generate-state';
import { ImageGrid } from './ImageGrid';
import { LatentAtlasView } from './LatentAtlasView';
import { LatentPlot } from './LatentPlot';

export function AutoencoderView({ view, client }: { view: GenerateView; client: TrainerClient | null }) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<[number, number] | null>(null);
  const pick = (x: number, y: number) => {
    setPicked([x, y]);
    client?.generative({ kind: 'decode', id: Date.now(), codes: Float32Array.of(x, y) });
  };
  return (
    <div className="generate-view">
      {view.pairs && (
        <figure>
          <figcaption>{t('autoencoderView.testImagesTopAnd', { step: view.pairs.step })}</figcaption>
          <ImageGrid
            images={view.pairs.originals}
            columns={8}
            label={t('autoencoderView.originalTestImages')}
            testId="originals"
          />
          <ImageGrid
            images={view.pairs.reconstructions}
            columns={8}
            label={t('autoencoderView.reconstructionsOfTheTest')}
            testId="reconstructions"
          />
        </figure>
      )}
      <DigitScoreView view={view} />
      <GenerateChart
        label={t('autoencoderView.reconstructionLoss')}
        points={view.points}
        series={[{ key: 'loss', name: 'train loss', colour: 'var(--accent)' }]}
      />
      {view.latentDim === 2 && view.latent ? (
        <div className="latent">
          <LatentPlot
            points={view.latent.points}
            labels={view.latent.labels}
            onPick={pick}
            picked={picked}
            frame={atlasFrame(view.atlas)}
          />
          {view.atlas && <LatentAtlasView atlas={view.atlas} />}
          <figure>
            <figcaption>
              {picked
                ? t('autoencoderView.decodedFrom', {
                    value: picked[0].toFixed(2),
                    value2: picked[1].toFixed(2),
                  })
                : t('autoencoderView.clickThePlotTo')}
            </figcaption>
            {view.decoded && (
              <ImageGrid
                images={view.decoded}
                columns={1}
                scale={4}
                label={t('autoencoderView.imageDecodedFromThe')}
                testId="decoded"
              />
            )}
          </figure>
        </div>
      ) : (
        <p className="muted">{t('autoencoderView.withA2Value', { latentDim: view.latentDim })}</p>
      )}
    </div>
  );
}

/** The atlas grid's outer codes, or none before the atlas has come. */
function atlasFrame(atlas: GenerateView['atlas']) {
  if (!atlas) return undefined;
  const { x, y } = atlas;
  return { x0: x[0], x1: x[x.length - 1], y0: y[0], y1: y[y.length - 1] };
}
