// Loss curves of the generative modes: the reconstruction loss, or D and G losses with D(x) and D(G(z)).
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LossPoint } from './generateState';

interface Series {
  key: keyof LossPoint;
  name: string;
  colour: string;
}

export function GenerateChart({
  points,
  series,
  label,
}: {
  points: LossPoint[];
  series: Series[];
  label: string;
}) {
  return (
    <figure className="chart" aria-label={label}>
      <figcaption>{label}</figcaption>
      <div className="chart-box" data-testid={`${label}-chart`} data-points={points.length}>
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
            <Legend />
            {series.map((s) => (
              <Line
                key={s.key}
                dataKey={s.key}
                name={s.name}
                stroke={s.colour}
                dot={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
