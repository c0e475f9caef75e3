// GAN live view: the sample grid from fixed noise, D and G losses with D(x) and D(G(z)), a health warning
// in plain words, and a slider that walks the line between two of the fixed noise vectors.
import { useState } from 'react';
import type { TrainerClient } from '../../training/client';
import { interpolateNoise } from '../../training/generative/common';
import { DigitScoreView } from './DigitScoreView';
import { GenerateChart } from './GenerateCharts';
import type { GenerateView } from './generateState';
import { ImageGrid } from './ImageGrid';

export function GanView({ view, client }: { view: GenerateView; client: TrainerClient | null }) {
  const [t, setT] = useState(50);
  const last = view.points.at(-1);
  const interpolate = (value: number) => {
    setT(value);
    const z = view.fixedNoise;
    const n = view.latentDim;
    if (!z || z.length < 2 * n) return;
    const at = interpolateNoise(z.subarray(0, n), z.subarray(n, 2 * n), 101).subarray(
      value * n,
      (value + 1) * n,
    );
    client?.generative({ kind: 'generate', id: Date.now(), noise: at.slice() });
  };
  return (
    <div className="generate-view">
      {view.samples && (
        <figure>
          <figcaption>Samples from 16 fixed noise vectors, step {view.samples.step}</figcaption>
          <ImageGrid
            images={view.samples.images}
            columns={8}
            label="Generated samples from fixed noise"
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
          D loss {last.dLoss?.toFixed(3)} · G loss {last.gLoss?.toFixed(3)} · D(x) {last.dReal?.toFixed(2)} ·
          D(G(z)) {last.dFake?.toFixed(2)}
        </p>
      )}
      <DigitScoreView view={view} />
      <GenerateChart
        label="GAN losses"
        points={view.points}
        series={[
          { key: 'dLoss', name: 'D loss', colour: '#d62728' },
          { key: 'gLoss', name: 'G loss', colour: '#1f77b4' },
        ]}
      />
      <GenerateChart
        label="D(x) and D(G(z))"
        points={view.points}
        series={[
          { key: 'dReal', name: 'D(x)', colour: '#2ca02c' },
          { key: 'dFake', name: 'D(G(z))', colour: '#ff7f0e' },
        ]}
      />
      <div className="interpolate">
        <label>
          Interpolate between the first two noise vectors
          <input
            type="range"
            min={0}
            max={100}
            value={t}
            onChange={(e) => interpolate(Number(e.target.value))}
          />
        </label>
        {view.interpolated && (
          <ImageGrid
            images={view.interpolated}
            columns={1}
            scale={4}
            label="Image from the interpolated noise"
            testId="interpolated"
          />
        )}
      </div>
    </div>
  );
}
