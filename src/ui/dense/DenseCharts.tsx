// The dense runs' curves: the training loss per report, and the test figures per evaluation (pixel
// accuracy and mean IoU, or mAP at IoU 0.5), each on its own chart.
import { useTranslation } from 'react-i18next';
import type { DenseTask } from '../../network/dense';
import { SeriesChart, type Series } from '../charts/SeriesChart';
import type { FigurePoint } from './dense-state';

function Chart({
  points,
  series,
  label,
  max,
}: {
  points: FigurePoint[];
  series: Series<FigurePoint>[];
  label: string;
  max?: number;
}) {
  return (
    <figure className="chart" aria-label={label}>
      <figcaption>{label}</figcaption>
      <div
        className="chart-box"
        data-testid={`dense-${label}-chart`}
        data-points={points.length}
        data-first={points[0]?.[series[0].key]}
        data-last={points.at(-1)?.[series[0].key]}
      >
        <SeriesChart points={points} series={series} max={max} dots={points.length < 30} />
      </div>
    </figure>
  );
}

export function DenseCharts({
  task,
  losses,
  figures,
}: {
  task: DenseTask;
  losses: FigurePoint[];
  figures: FigurePoint[];
}) {
  const { t } = useTranslation();
  const test: Series<FigurePoint>[] =
    task === 'segmentation'
      ? [
          { key: 'meanIoU', name: t('denseCharts.meanIou'), colour: 'var(--accent)' },
          { key: 'pixelAccuracy', name: t('denseCharts.pixelAccuracy'), colour: '#d55e00' },
        ]
      : [{ key: 'meanAP', name: 'mAP@0.5', colour: 'var(--accent)' }];
  return (
    <div className="dense-charts">
      <Chart
        points={losses}
        series={[{ key: 'loss', name: 'train loss', colour: '#56b4e9' }]}
        label={t('denseCharts.loss')}
      />
      <Chart points={figures} series={test} label={t('denseCharts.testFigures')} max={1} />
    </div>
  );
}
