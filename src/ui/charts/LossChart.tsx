// Train loss per report: raw values faint, the smoothed curve bold. The series is already bounded.
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useStore } from '../store/store';

export function LossChart() {
  const points = useStore((s) => s.lossPoints);
  return (
    <figure className="chart" aria-label="Train loss chart">
      <figcaption>Train loss</figcaption>
      <div className="chart-box" data-testid="loss-chart" data-points={points.length}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis
              dataKey="step"
              type="number"
              domain={['dataMin', 'dataMax']}
              tick={{ fill: 'var(--muted)' }}
            />
            <YAxis domain={[0, 'auto']} tick={{ fill: 'var(--muted)' }} width={44} />
            <Tooltip contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)' }} />
            <Line
              dataKey="loss"
              name="loss"
              stroke="var(--accent)"
              strokeOpacity={0.3}
              dot={false}
              isAnimationActive={false}
            />
            <Line
              dataKey="smoothed"
              name="smoothed"
              stroke="var(--accent)"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
