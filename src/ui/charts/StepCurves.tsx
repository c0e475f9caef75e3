// Train and test curves over training steps: the train series per metrics report (smoothed bold, and raw
// faint where asked), the test series from the sample evaluated while training (small dots) with each
// full evaluation of the test set a large dot. Plain SVG from plot.ts: a redraw sets a few path strings
// and reads nothing back from the page. Pointing at the chart reads the values at the nearest step.
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TestPoint, TrainPoint } from '../store/series';
import { Axes, plotBox, yTickCount } from './Axes';
import { linePath, linearScale, nearestRow, type Row } from './plot';
import { axisTicks } from './ticks';
import { readoutPlace, usePointerX } from './usePointerX';
import { svgFrame, useChartSize } from './useChartSize';

export interface CurveKeys {
  /** What a train point plots, smoothed and (if given) raw, and what a test point plots. */
  smoothed: keyof TrainPoint;
  raw?: keyof TrainPoint;
  test: keyof TestPoint;
  /** Values as plotted (e.g. fractions as percent). */
  scale: number;
  /** Decimals of a value read at the pointer. */
  digits: number;
  /** A fixed y range; without it the range runs from 0 to the largest value. */
  yRange?: [number, number];
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
  const { t } = useTranslation();
  const [setBox, size] = useChartSize();
  const { width, height } = size;
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
    const y = keys.yRange
      ? axisTicks(keys.yRange[0], keys.yRange[1], yTickCount(height, 6))
      : axisTicks(0, top, yTickCount(height, 5));
    return { raw, smoothed, tests, x, y };
  }, [train, test, keys, height]);
  const box = plotBox(width, height);
  const { x, y, paths } = useMemo(() => {
    const x = linearScale(view.x.domain, [box.left, box.right]);
    const y = linearScale(view.y.domain, [box.bottom, box.top]);
    const paths = {
      raw: view.raw ? linePath(view.raw, x, y) : '',
      smoothed: linePath(view.smoothed, x, y),
      tests: linePath(view.tests, x, y),
    };
    return { x, y, paths };
  }, [view, box.left, box.right, box.bottom, box.top]);
  const { px, handlers } = usePointerX(box, size.zoom);
  const at = px === null ? null : readAt(view, x.invert(px));
  const fmt = (r: Row | undefined) => (r && Number.isFinite(r.value) ? r.value.toFixed(keys.digits) : '—');
  return (
    <div ref={setBox} className="step-curves" {...handlers}>
      {width > 0 && height > 0 && (
        <svg {...svgFrame(size)} aria-hidden="true">
          <Axes box={box} x={x} y={y} xTicks={view.x} yTicks={view.y} />
          {paths.raw && <path className="step-curves-train raw" d={paths.raw} />}
          <path className="step-curves-train" d={paths.smoothed} />
          <path className="step-curves-test" d={paths.tests} />
          <g className="step-curves-dots">
            {view.tests.map(
              (r) =>
                Number.isFinite(r.value) && (
                  <circle
                    key={r.step}
                    cx={x(r.step)}
                    cy={y(r.value)}
                    r={r.full ? 4.5 : 2}
                    className={r.full ? 'full' : ''}
                  />
                ),
            )}
          </g>
          {at && (
            <line className="chart-pointer" x1={x(at.step)} x2={x(at.step)} y1={box.top} y2={box.bottom} />
          )}
        </svg>
      )}
      {at && (
        <div {...readoutPlace(px!, box, size)} data-testid="curve-readout">
          <b>{t('stepCurves.step', { step: at.step })}</b>
          {view.raw && <span>{t('stepCurves.train', { value: fmt(at.raw) })}</span>}
          <span className="key-train">{t('stepCurves.smoothed', { value: fmt(at.smoothed) })}</span>
          {at.test && (
            <span className="key-test">
              {t(at.test.full ? 'stepCurves.testFull' : 'stepCurves.test', {
                value: fmt(at.test),
                step: at.test.step,
              })}
            </span>
          )}
        </div>
      )}
    </div>
  );
});

/** The values read at a step: the nearest train report and the nearest test evaluation. */
function readAt(view: { raw: Row[] | null; smoothed: Row[]; tests: TestRow[] }, step: number) {
  const smoothed = nearestRow(view.smoothed, step);
  const test = nearestRow(view.tests, step);
  if (!smoothed && !test) return null;
  return {
    step: smoothed?.step ?? test!.step,
    raw: view.raw ? nearestRow(view.raw, step) : undefined,
    smoothed,
    test,
  };
}
