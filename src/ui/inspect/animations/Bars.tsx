// A row of signed bars around a zero line (class scores, probabilities, a Linear layer's outputs), with
// one highlighted and those after `shown` left out (not built yet).
import { maxAbs } from '../colour';

const WIDTH = 320;
const HEIGHT = 120;

export function Bars({
  values,
  highlight = -1,
  shown = values.length,
  label,
  testId,
  scale = maxAbs(values) || 1,
}: {
  values: ArrayLike<number>;
  highlight?: number;
  shown?: number;
  label: string;
  testId?: string;
  /** |value| of a full-height bar. */
  scale?: number;
}) {
  const n = values.length;
  const bw = WIDTH / Math.max(1, n);
  const signed = Array.from({ length: n }, (_, i) => values[i]).some((v) => v < 0);
  const zero = signed ? HEIGHT / 2 : HEIGHT - 1;
  const full = signed ? HEIGHT / 2 - 1 : HEIGHT - 2;
  return (
    <svg
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
      data-testid={testId}
      className="bars-svg"
    >
      <line x1={0} x2={WIDTH} y1={zero} y2={zero} stroke="currentColor" strokeOpacity={0.4} />
      {Array.from({ length: Math.min(n, shown) }, (_, i) => {
        const hgt = (Math.min(1, Math.abs(values[i]) / scale) || 0) * full;
        return (
          <rect
            key={i}
            x={i * bw + (bw > 3 ? 0.5 : 0)}
            width={Math.max(0.5, bw - (bw > 3 ? 1 : 0))}
            y={values[i] >= 0 ? zero - hgt : zero}
            height={Math.max(0.5, hgt)}
            fill={i === highlight ? '#ffb000' : values[i] >= 0 ? 'rgb(178,24,43)' : 'rgb(33,102,172)'}
          />
        );
      })}
    </svg>
  );
}
