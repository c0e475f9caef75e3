// Train and test curves over training steps: the train series per metrics report (smoothed bold, and raw
// faint where asked), the test series from the sample evaluated while training (small dots) with each
// full evaluation of the test set a large dot. Ticks are precomputed and nothing animates (see ticks.ts);
// three lines at most, as each costs main-thread time on every redraw.
import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TestPoint, TrainPoint } from '../store/series';
import { axisTicks } from './ticks';

const tick = { fill: 'var(--muted)' };
const margin = { top: 8, right: 16, bottom: 4, left: 0 };
const tooltipStyle = { background: 'var(--panel)', border: '1px solid var(--border)' };

export interface CurveKeys {
  /** What a train point plots, smoothed and (if given) raw, and what a test point plots. */
  smoothed: keyof TrainPoint;
  raw?: keyof TrainPoint;
  test: keyof TestPoint;
  /** Values as plotted (e.g. fractions as percent). */
  scale: number;
  /** A fixed y range; without it the range runs from 0 to the largest value. */
  yRange?: [number, number];
}

interface Row {
  step: number;
  value: number;
}

/** A test point's dot: large for an evaluation of the whole test set. */
function TestDot({
  cx,
  cy,
  index,
  payload,
}: {
  cx?: number;
  cy?: number;
  index?: number;
  payload?: TestRow;
}) {
  const full = payload?.full ?? false;
  return (
    <circle
      key={index}
      cx={cx}
      cy={cy}
      r={full ? 4.5 : 2}
      fill="var(--ok)"
      stroke="var(--panel)"
      strokeWidth={full ? 1 : 0}
    />
  );
}

type TestRow = Row & { full: boolean };

export const StepCurves = memo(function StepCurves({
  train,
  test,
  keys,
}: {
  train: TrainPoint[];
  test: TestPoint[];
  keys: CurveKeys;
}) {
  const view = useMemo(() => {
    const v = (x: number) => x * keys.scale;
    const raw: Row[] | null = keys.raw ? train.map((p) => ({ step: p.step, value: v(p[keys.raw!]) })) : null;
    const smoothed: Row[] = train.map((p) => ({ step: p.step, value: v(p[keys.smoothed]) }));
    const tests: TestRow[] = test.map((p) => ({
      step: p.step,
      value: v(p[keys.test] as number),
      full: p.full,
    }));
    const steps = [...train.map((p) => p.step), ...test.map((p) => p.step)];
    let top = 0;
    for (const r of [...(raw ?? smoothed), ...tests])
      if (Number.isFinite(r.value)) top = Math.max(top, r.value);
    const x = axisTicks(Math.min(...steps, 0), Math.max(...steps, 1), 5, { integer: true, snap: false });
    const y = keys.yRange ? axisTicks(keys.yRange[0], keys.yRange[1], 6) : axisTicks(0, top, 5);
    return { raw, smoothed, tests, x, y };
  }, [train, test, keys]);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart margin={margin}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
        {/* interval 0: every given tick is drawn, so recharts measures no label text. */}
        <XAxis
          dataKey="step"
          type="number"
          domain={view.x.domain}
          ticks={view.x.ticks}
          interval={0}
          tick={tick}
        />
        <YAxis domain={view.y.domain} ticks={view.y.ticks} interval={0} tick={tick} width={44} />
        <Tooltip contentStyle={tooltipStyle} isAnimationActive={false} />
        {view.raw && (
          <Line
            data={view.raw}
            dataKey="value"
            name="train"
            stroke="var(--accent)"
            strokeOpacity={0.3}
            dot={false}
            isAnimationActive={false}
          />
        )}
        <Line
          data={view.smoothed}
          dataKey="value"
          name="train (smoothed)"
          stroke="var(--accent)"
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
        <Line
          data={view.tests}
          dataKey="value"
          name="test"
          stroke="var(--ok)"
          strokeWidth={2}
          dot={TestDot}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
});
