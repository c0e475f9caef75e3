// Curves of the generative modes over steps: the reconstruction loss, D and G losses with D(x) and
// D(G(z)), or the digit score.
import { SeriesChart, type Series } from '../charts/SeriesChart';

export function GenerateChart<P extends { step: number }>({
  points,
  series,
  label,
}: {
  points: P[];
  series: Series<P>[];
  label: string;
}) {
  return (
    <figure className="chart" aria-label={label}>
      <figcaption>{label}</figcaption>
      <div className="chart-box" data-testid={`${label}-chart`} data-points={points.length}>
        <SeriesChart points={points} series={series} />
      </div>
    </figure>
  );
}
