// Autoencoder live view: original/reconstruction pairs, the loss curve, and with a 2-D code the latent
// space of the test set, where a click decodes that point into an image.
import { useState } from 'react';
import type { TrainerClient } from '../../training/client';
import { DigitScoreView } from './DigitScoreView';
import { GenerateChart } from './GenerateCharts';
import type { GenerateView } from './generateState';
import { ImageGrid } from './ImageGrid';
import { LatentPlot } from './LatentPlot';

export function AutoencoderView({ view, client }: { view: GenerateView; client: TrainerClient | null }) {
  const [picked, setPicked] = useState<[number, number] | null>(null);
  const pick = (x: number, y: number) => {
    setPicked([x, y]);
    client?.generative({ kind: 'decode', id: Date.now(), codes: Float32Array.of(x, y) });
  };
  return (
    <div className="generate-view">
      {view.pairs && (
        <figure>
          <figcaption>
            Test images (top) and their reconstructions (bottom), step {view.pairs.step}
          </figcaption>
          <ImageGrid
            images={view.pairs.originals}
            columns={8}
            label="Original test images"
            testId="originals"
          />
          <ImageGrid
            images={view.pairs.reconstructions}
            columns={8}
            label="Reconstructions of the test images"
            testId="reconstructions"
          />
        </figure>
      )}
      <DigitScoreView view={view} />
      <GenerateChart
        label="Reconstruction loss"
        points={view.points}
        series={[{ key: 'loss', name: 'train loss', colour: 'var(--accent)' }]}
      />
      {view.latentDim === 2 && view.latent ? (
        <div className="latent">
          <LatentPlot points={view.latent.points} labels={view.latent.labels} onPick={pick} picked={picked} />
          <figure>
            <figcaption>
              {picked
                ? `Decoded from (${picked[0].toFixed(2)}, ${picked[1].toFixed(2)})`
                : 'Click the plot to decode a point'}
            </figcaption>
            {view.decoded && (
              <ImageGrid
                images={view.decoded}
                columns={1}
                scale={4}
                label="Image decoded from the picked point"
                testId="decoded"
              />
            )}
          </figure>
        </div>
      ) : (
        <p className="muted">
          With a 2-value bottleneck the test set is plotted here as points (this code has {view.latentDim}).
        </p>
      )}
    </div>
  );
}
