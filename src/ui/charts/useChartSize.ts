// A chart's size in its own drawing units. In presentation mode a chart draws at a larger scale (its
// viewBox is the box divided by the zoom), so labels, lines, dots and margins grow by one factor for the
// back row while the plot still fills its box.
import { useSize } from '../shell/useSize';
import { useStore } from '../store/store';

/** How much larger a chart draws in presentation mode: 12 px labels become 18 px. */
export const PRESENTATION_ZOOM = 1.5;

export interface ChartSize {
  /** The box in drawing units (pixels divided by `zoom`). */
  width: number;
  height: number;
  zoom: number;
}

/** A callback ref for the chart's box, and its size in drawing units. */
export function useChartSize(): [(el: HTMLDivElement | null) => void, ChartSize] {
  const [setBox, { width, height }] = useSize();
  const zoom = useStore((s) => s.presentation) ? PRESENTATION_ZOOM : 1;
  return [setBox, { width: width / zoom, height: height / zoom, zoom }];
}

/** The SVG attributes that draw `size` units onto its box in pixels. */
export function svgFrame({ width, height, zoom }: ChartSize) {
  return { width: width * zoom, height: height * zoom, viewBox: `0 0 ${width} ${height}` };
}
