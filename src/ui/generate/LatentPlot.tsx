// The test set in a 2-D latent space, one dot per image coloured by its digit; a click (or Enter on the
// focused plot, which picks its centre) asks for the image decoded from that point. A dashed frame marks
// the span of the atlas beside it.
import { useTranslation } from 'react-i18next';
import { useEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { latentBounds } from './generate-state';

const SIZE = 260;
/** Ten distinguishable colours, one per digit. */
export const DIGIT_COLOURS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];

interface Props {
  points: Float32Array;
  labels: Uint8Array;
  onPick: (x: number, y: number) => void;
  picked: [number, number] | null;
  /** The atlas grid's outer codes, framed on the plot. */
  frame?: { x0: number; x1: number; y0: number; y1: number };
}

export function LatentPlot({ points, labels, onPick, picked, frame }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLCanvasElement>(null);
  const b = latentBounds(points);
  const toScreen = (x: number, y: number): [number, number] => [
    ((x - b.x0) / (b.x1 - b.x0)) * SIZE,
    SIZE - ((y - b.y0) / (b.y1 - b.y0)) * SIZE,
  ];
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, SIZE, SIZE);
    for (let i = 0; i < labels.length; i++) {
      const [sx, sy] = toScreen(points[2 * i], points[2 * i + 1]);
      ctx.fillStyle = DIGIT_COLOURS[labels[i] % 10];
      ctx.fillRect(sx - 1.5, sy - 1.5, 3, 3);
    }
    if (frame) {
      const [ax, ay] = toScreen(frame.x0, frame.y1);
      const [bx, by] = toScreen(frame.x1, frame.y0);
      ctx.setLineDash([4, 3]);
      ctx.strokeStyle = '#555';
      ctx.lineWidth = 1;
      ctx.strokeRect(ax, ay, bx - ax, by - ay);
      ctx.setLineDash([]);
    }
    if (picked) {
      const [sx, sy] = toScreen(picked[0], picked[1]);
      ctx.strokeStyle = '#000';
      ctx.lineWidth = 2;
      ctx.strokeRect(sx - 5, sy - 5, 10, 10);
    }
  });
  const pick = (sx: number, sy: number) =>
    onPick(b.x0 + (sx / SIZE) * (b.x1 - b.x0), b.y0 + ((SIZE - sy) / SIZE) * (b.y1 - b.y0));
  const onClick = (e: MouseEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    pick(((e.clientX - r.left) / r.width) * SIZE, ((e.clientY - r.top) / r.height) * SIZE);
  };
  const onKey = (e: KeyboardEvent<HTMLCanvasElement>) => {
    if (e.key === 'Enter' || e.key === ' ') pick(SIZE / 2, SIZE / 2);
  };
  return (
    <figure className="latent-plot">
      <canvas
        ref={ref}
        width={SIZE}
        height={SIZE}
        tabIndex={0}
        role="button"
        aria-label={t('latentPlot.latentSpaceOfThe')}
        data-testid="latent-plot"
        onClick={onClick}
        onKeyDown={onKey}
      />
      <figcaption className="legend">
        {DIGIT_COLOURS.map((c, d) => (
          <span key={d} style={{ color: c }}>
            ● {d}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
