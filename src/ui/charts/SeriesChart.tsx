// Several series over training steps from one list of points (the generative and dense panels' curves):
// a line each, keyed by colour above the plot, the y axis from 0 (or the lowest value) to the largest or a
// fixed top. Plain SVG like StepCurves; pointing at it reads every series at the nearest step.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Axes, plotBox, yTickCount } from './Axes';
import { linePath, linearScale, nearestRow, type Row } from './plot';
import { axisTicks } from './ticks';
import { readoutPlace, usePointerX } from './usePointerX';
import { svgFrame, useChartSize } from './useChartSize';

export interface Series<P> {
  key: keyof P & string;
  name: string;
  colour: string;
}

export function SeriesChart<P extends { step: number }>({
  points,
  series,
  max,
  dots = false,
}: {
  points: P[];
  series: Series<P>[];
  /** A fixed top of the y axis; without it the axis ends at the largest value. */
  max?: number;
  /** A dot at every point (for short series). */
  dots?: boolean;
}) {
  const { t } = useTranslation();
  const [setBox, size] = useChartSize();
  const { width, height } = size;
  const view = useMemo(() => {
    const rows: Row[][] = series.map((s) => points.map((p) => ({ step: p.step, value: Number(p[s.key]) })));
    let lo = 0;
    let hi = 0;
    for (const r of rows.flat())
      if (Number.isFinite(r.value)) {
        lo = Math.min(lo, r.value);
        hi = Math.max(hi, r.value);
      }
    const steps = points.map((p) => p.step);
    const x = axisTicks(Math.min(...steps), Math.max(...steps), 5, { integer: true, snap: false });
    const y = axisTicks(lo, max ?? hi, yTickCount(height, max !== undefined ? 6 : 5));
    return { rows, x, y };
  }, [points, series, max, height]);
  const box = plotBox(width, height);
  const { x, y, paths } = useMemo(() => {
    const x = linearScale(view.x.domain, [box.left, box.right]);
    const y = linearScale(view.y.domain, [box.bottom, box.top]);
    return { x, y, paths: view.rows.map((rows) => linePath(rows, x, y)) };
  }, [view, box.left, box.right, box.bottom, box.top]);
  const { px, handlers } = usePointerX(box, size.zoom);
  const at = px === null ? null : view.rows.map((rows) => nearestRow(rows, x.invert(px)));
  const atStep = at?.find((r) => r)?.step;
  return (
    <div className="series-chart">
      <div className="series-legend">
        {series.map((s) => (
          <span key={s.key} style={{ color: s.colour }}>
            {s.name}
          </span>
        ))}
      </div>
      <div ref={setBox} className="series-plot" {...handlers}>
        {width > 0 && height > 0 && (
          <svg {...svgFrame(size)} aria-hidden="true">
            <Axes box={box} x={x} y={y} xTicks={view.x} yTicks={view.y} />
            {series.map((s, i) => (
              <path key={s.key} className="chart-line" d={paths[i]} stroke={s.colour} />
            ))}
            {dots &&
              series.map((s, i) =>
                view.rows[i].map(
                  (r) =>
                    Number.isFinite(r.value) && (
                      <circle
                        key={`${s.key}${r.step}`}
                        cx={x(r.step)}
                        cy={y(r.value)}
                        r={3}
                        fill={s.colour}
                      />
                    ),
                ),
              )}
            {atStep !== undefined && (
              <line className="chart-pointer" x1={x(atStep)} x2={x(atStep)} y1={box.top} y2={box.bottom} />
            )}
          </svg>
        )}
        {px !== null && atStep !== undefined && (
          <div {...readoutPlace(px, box, size)} data-testid="series-readout">
            <b>{t('stepCurves.step', { step: atStep })}</b>
            {series.map((s, i) => (
              <span key={s.key} style={{ color: s.colour }}>
                {s.name} {formatValue(at![i]?.value)}
              </span>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}

/** Three significant digits, enough to read a curve; a dash where there is no finite value. */
function formatValue(v: number | undefined): string {
  return v !== undefined && Number.isFinite(v) ? String(Number(v.toPrecision(3))) : '—';
}
