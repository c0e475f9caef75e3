// Train and test accuracy per epoch, in percent. Redrawn once per epoch, with precomputed ticks and no
// animation (see LossChart).
import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { EpochPoint } from '../store/series';
import { useStore } from '../store/store';
import { axisTicks } from './ticks';
import { useThrottled } from './useThrottled';

const tick = { fill: 'var(--muted)' };
const margin = { top: 8, right: 16, bottom: 4, left: 0 };
const tooltipStyle = { background: 'var(--panel)', border: '1px solid var(--border)' };
const percent = axisTicks(0, 100, 6);

const AccuracyLines = memo(function AccuracyLines({ epochs }: { epochs: EpochPoint[] }) {
  const [data, x] = useMemo(() => {
    const rows = epochs.map((e) => ({
      epoch: e.epoch + 1,
      train: e.trainAccuracy === null ? null : e.trainAccuracy * 100,
      test: e.testAccuracy === null ? null : e.testAccuracy * 100,
    }));
    const first = rows[0]?.epoch ?? 1;
    const last = rows[rows.length - 1]?.epoch ?? 1;
    // Half an epoch of room on each side, as on a category axis, so a single epoch sits in the middle.
    const ticks = axisTicks(first, last, 8, { integer: true, snap: false }).ticks.filter((t) => t <= last);
    return [rows, { domain: [first - 0.5, last + 0.5], ticks }] as const;
  }, [epochs]);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={data} margin={margin}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
        <XAxis dataKey="epoch" type="number" domain={x.domain} ticks={x.ticks} interval={0} tick={tick} />
        <YAxis domain={percent.domain} ticks={percent.ticks} interval={0} tick={tick} width={44} />
        <Tooltip contentStyle={tooltipStyle} isAnimationActive={false} />
        <Line dataKey="train" name="train" stroke="var(--accent)" isAnimationActive={false} connectNulls />
        <Line dataKey="test" name="test" stroke="var(--ok)" isAnimationActive={false} connectNulls />
      </LineChart>
    </ResponsiveContainer>
  );
});

export function AccuracyChart() {
  const epochs = useThrottled(useStore((s) => s.epochPoints));
  return (
    <figure className="chart" aria-label="Accuracy chart">
      <figcaption>
        Accuracy per epoch (%): <span className="key-train">train</span>,{' '}
        <span className="key-test">test</span>
      </figcaption>
      <div className="chart-box" data-testid="accuracy-chart">
        <AccuracyLines epochs={epochs} />
      </div>
    </figure>
  );
}
