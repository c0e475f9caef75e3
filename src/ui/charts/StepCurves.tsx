// Train and test curves over training steps: the train series per metrics report (smoothed bold, and raw
// faint where asked), the test series from the sample evaluated while training (small dots) with each
// full evaluation of the test set a large dot. Plain SVG from plot.ts: a redraw sets a few path strings
// and reads nothing back from the page. Pointing at the chart reads the values at the nearest step.
import { memo, useMemo, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSize } from '../shell/useSize';
import type { TestPoint, TrainPoint } from '../store/series';
import { linePath, linearScale, nearestRow, type Row } from './plot';
import { axisTicks } from './ticks';

// Room for the y labels on the left and the x labels below.
const PAD = { top: 8, right: 16, bottom: 22, left: 44 };

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
  const [setBox, { width, height }] = useSize();
  const [pointer, setPointer] = useState<number | null>(null);
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
  const right = Math.max(PAD.left + 1, width - PAD.right);
  const bottom = Math.max(PAD.top + 1, height - PAD.bottom);
  const { x, y, paths } = useMemo(() => {
    const x = linearScale(view.x.domain, [PAD.left, right]);
    const y = linearScale(view.y.domain, [bottom, PAD.top]);
    const paths = {
      raw: view.raw ? linePath(view.raw, x, y) : '',
      smoothed: linePath(view.smoothed, x, y),
      tests: linePath(view.tests, x, y),
    };
    return { x, y, paths };
  }, [view, right, bottom]);
  const at = pointer === null ? null : readAt(view, x.invert(pointer));
  const onMove = (e: PointerEvent<HTMLDivElement>) => {
    const left = e.currentTarget.getBoundingClientRect().left;
    const px = e.clientX - left;
    setPointer(px >= PAD.left && px <= right ? px : null);
  };
  const fmt = (r: Row | undefined) => (r && Number.isFinite(r.value) ? r.value.toFixed(keys.digits) : '—');
  return (
    <div ref={setBox} className="step-curves" onPointerMove={onMove} onPointerLeave={() => setPointer(null)}>
      {width > 0 && height > 0 && (
        <svg width={width} height={height} aria-hidden="true">
          <g className="step-curves-grid">
            {view.y.ticks.map((v) => (
              <line key={`y${v}`} x1={PAD.left} x2={right} y1={y(v)} y2={y(v)} />
            ))}
            {view.x.ticks.map((v) => (
              <line key={`x${v}`} x1={x(v)} x2={x(v)} y1={PAD.top} y2={bottom} />
            ))}
          </g>
          <g className="step-curves-labels">
            {view.y.ticks.map((v) => (
              <text key={`y${v}`} x={PAD.left - 6} y={y(v)} textAnchor="end" dominantBaseline="middle">
                {v}
              </text>
            ))}
            {view.x.ticks.map((v) => (
              <text key={`x${v}`} x={x(v)} y={bottom + 14} textAnchor="middle">
                {v}
              </text>
            ))}
          </g>
          <path className="step-curves-axis" d={`M${PAD.left},${PAD.top}V${bottom}H${right}`} />
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
            <line className="step-curves-pointer" x1={x(at.step)} x2={x(at.step)} y1={PAD.top} y2={bottom} />
          )}
        </svg>
      )}
      {at && (
        <div
          className={`step-curves-readout${pointer! > (PAD.left + right) / 2 ? ' left' : ''}`}
          data-testid="curve-readout"
        >
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
