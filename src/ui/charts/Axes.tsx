// A chart's frame in SVG: dashed grid lines at the ticks, their labels, and the two axis lines. The ticks
// come precomputed (ticks.ts), so no label is measured.
import type { AxisTicks } from './ticks';
import type { Scale } from './plot';

/** The plotting area inside the SVG, in pixels. */
export interface PlotBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

// Room for the y labels on the left and the x labels below.
export const PAD = { top: 8, right: 16, bottom: 22, left: 44 };

/** How many y ticks fit a plotting area `height` pixels tall (labels 20 px apart at least), at most `most`. */
export function yTickCount(height: number, most: number): number {
  return Math.max(2, Math.min(most, Math.floor((height - PAD.top - PAD.bottom) / 20) + 1));
}

/** The plotting area of a chart `width` × `height` pixels. */
export function plotBox(width: number, height: number): PlotBox {
  return {
    left: PAD.left,
    top: PAD.top,
    right: Math.max(PAD.left + 1, width - PAD.right),
    bottom: Math.max(PAD.top + 1, height - PAD.bottom),
  };
}

export function Axes({
  box,
  x,
  y,
  xTicks,
  yTicks,
}: {
  box: PlotBox;
  x: Scale;
  y: Scale;
  xTicks: AxisTicks;
  yTicks: AxisTicks;
}) {
  return (
    <>
      <g className="chart-grid">
        {yTicks.ticks.map((v) => (
          <line key={`y${v}`} x1={box.left} x2={box.right} y1={y(v)} y2={y(v)} />
        ))}
        {xTicks.ticks.map((v) => (
          <line key={`x${v}`} x1={x(v)} x2={x(v)} y1={box.top} y2={box.bottom} />
        ))}
      </g>
      <g className="chart-labels">
        {yTicks.ticks.map((v) => (
          <text key={`y${v}`} x={box.left - 6} y={y(v)} textAnchor="end" dominantBaseline="middle">
            {v}
          </text>
        ))}
        {xTicks.ticks.map((v) => (
          <text key={`x${v}`} x={x(v)} y={box.bottom + 14} textAnchor="middle">
            {v}
          </text>
        ))}
      </g>
      <path className="chart-axis" d={`M${box.left},${box.top}V${box.bottom}H${box.right}`} />
    </>
  );
}
