// The latent atlas: a 2-D code's plane decoded over a grid (rows from the top, y descending, as the plot
// beside it draws the plane), and the judge's verdict on it: which of the ten digits the grid holds.
import { useTranslation } from 'react-i18next';
import { DIGITS } from '../../training/generative/scores';
import type { LatentAtlas } from '../../training/generative/types';
import { ImageGrid } from './ImageGrid';

export function LatentAtlasView({ atlas }: { atlas: LatentAtlas & { step: number } }) {
  const { t } = useTranslation();
  // Two significant digits at least: an untrained autoencoder's codes span a few hundredths.
  const f = (v: number) => (Math.abs(v) >= 1 || v === 0 ? v.toFixed(1) : v.toPrecision(2));
  const seen = atlas.digits ? new Set(atlas.digits) : null;
  const missing = seen ? Array.from({ length: DIGITS }, (_, d) => d).filter((d) => !seen.has(d)) : [];
  return (
    <figure className="latent-atlas" data-testid="latent-atlas">
      <figcaption>
        {t(atlas.spacing === 'quantiles' ? 'latentAtlas.captionQuantiles' : 'latentAtlas.caption', {
          side: atlas.side,
          x0: f(atlas.x[0]),
          x1: f(atlas.x[atlas.x.length - 1]),
          y0: f(atlas.y[0]),
          y1: f(atlas.y[atlas.y.length - 1]),
          step: atlas.step,
        })}
      </figcaption>
      <ImageGrid
        images={atlas.images}
        columns={atlas.side}
        scale={1}
        label={t('latentAtlas.label')}
        testId="latent-atlas-grid"
      />
      {seen && (
        <p className="muted" data-testid="latent-atlas-digits">
          {missing.length === 0
            ? t('latentAtlas.allTen')
            : t('latentAtlas.someDigits', { count: DIGITS - missing.length, missing: missing.join(', ') })}
        </p>
      )}
    </figure>
  );
}
