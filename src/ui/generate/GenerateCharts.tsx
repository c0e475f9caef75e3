// Curves of the generative modes over steps: the reconstruction loss, D and G losses with D(x) and
// D(G(z)), or the digit score.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

interface Series<P> {
  key: keyof P & string;
  name: string;
  colour: string;
}

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
