// Train and test accuracy per epoch, in percent.
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useStore } from '../store/store';

export function AccuracyChart() {
  const epochs = useStore((s) => s.epochPoints);
  const data = epochs.map((e) => ({
    epoch: e.epoch + 1,
    train: e.trainAccuracy === null ? null : e.trainAccuracy * 100,
    test: e.testAccuracy === null ? null : e.testAccuracy * 100,
  }));
  return (
    <figure className="chart" aria-label="Accuracy chart">
      <figcaption>
        Accuracy per epoch (%): <span className="key-train">train</span>,{' '}
        <span className="key-test">test</span>
      </figcaption>
      <div className="chart-box" data-testid="accuracy-chart">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis dataKey="epoch" allowDecimals={false} tick={{ fill: 'var(--muted)' }} />
            <YAxis domain={[0, 100]} tick={{ fill: 'var(--muted)' }} width={44} />
            <Tooltip contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)' }} />
            <Line
              dataKey="train"
              name="train"
              stroke="var(--accent)"
              isAnimationActive={false}
              connectNulls
            />
            <Line dataKey="test" name="test" stroke="var(--ok)" isAnimationActive={false} connectNulls />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
