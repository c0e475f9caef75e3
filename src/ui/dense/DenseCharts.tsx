// The dense runs' curves: the training loss per report, and the test figures per evaluation (pixel
// accuracy and mean IoU, or mAP at IoU 0.5), each on its own chart.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DenseTask } from '../../network/dense';
import type { FigurePoint } from './denseState';

interface Series {
  key: keyof FigurePoint;
  name: string;
  colour: string;
}

function Chart({
  points,
  series,
  label,
  max,
}: {
  points: FigurePoint[];
  series: Series[];
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
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis
              dataKey="step"
              type="number"
              domain={['dataMin', 'dataMax']}
              tick={{ fill: 'var(--muted)' }}
            />
            <YAxis domain={[0, max ?? 'auto']} tick={{ fill: 'var(--muted)' }} width={44} />
            <Tooltip contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)' }} />
            <Legend />
            {series.map((s) => (
              <Line
                key={s.key}
                dataKey={s.key}
                name={s.name}
                stroke={s.colour}
                dot={points.length < 30}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
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
  const test: Series[] =
    task === 'segmentation'
      ? [
          { key: 'meanIoU', name: 'mean IoU', colour: 'var(--accent)' },
          { key: 'pixelAccuracy', name: 'pixel accuracy', colour: '#d55e00' },
        ]
      : [{ key: 'meanAP', name: 'mAP@0.5', colour: 'var(--accent)' }];
  return (
    <div className="dense-charts">
      <Chart points={losses} series={[{ key: 'loss', name: 'train loss', colour: '#56b4e9' }]} label="loss" />
      <Chart points={figures} series={test} label="test figures" max={1} />
    </div>
  );
}
