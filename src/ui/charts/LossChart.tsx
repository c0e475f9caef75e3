// Train loss per report: raw values faint, the smoothed curve bold. The series is already bounded; the
// chart redraws at most every CHART_INTERVAL_MS, with precomputed ticks and no animation.
import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LossPoint } from '../store/series';
import { useStore } from '../store/store';
import { axisTicks } from './ticks';
import { useThrottled } from './useThrottled';

const tick = { fill: 'var(--muted)' };
const margin = { top: 8, right: 16, bottom: 4, left: 0 };
const tooltipStyle = { background: 'var(--panel)', border: '1px solid var(--border)' };

const LossLines = memo(function LossLines({ points }: { points: LossPoint[] }) {
  const [x, y] = useMemo(() => {
    let top = 0;
    for (const p of points) if (Number.isFinite(p.loss)) top = Math.max(top, p.loss, p.smoothed);
    const first = points[0]?.step ?? 0;
    const last = points[points.length - 1]?.step ?? 1;
    return [axisTicks(first, last, 5, { integer: true, snap: false }), axisTicks(0, top, 5)];
  }, [points]);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={points} margin={margin}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
        {/* interval 0: every given tick is drawn, so recharts measures no label text. */}
        <XAxis dataKey="step" type="number" domain={x.domain} ticks={x.ticks} interval={0} tick={tick} />
        <YAxis domain={y.domain} ticks={y.ticks} interval={0} tick={tick} width={44} />
        <Tooltip contentStyle={tooltipStyle} isAnimationActive={false} />
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
  );
});

export function LossChart() {
  const points = useThrottled(useStore((s) => s.lossPoints));
  return (
    <figure className="chart" aria-label="Train loss chart">
      <figcaption>Train loss</figcaption>
      <div className="chart-box" data-testid="loss-chart" data-points={points.length}>
        <LossLines points={points} />
      </div>
    </figure>
  );
}
