// Every conv layer's kernels as a grid of small images: one row per output channel, one column per input
// channel, blue-white-red with one scale per layer (so kernels within a layer compare).
import { useTranslation } from 'react-i18next';
import { useMemo } from 'react';
import { definitionOf } from '../../layers';
import type { LayerSnapshot } from '../../training/protocol';
import { diverging, maxAbs, type Rgb } from './colour';
import { PixelCanvas } from './PixelCanvas';
import { tile } from './tiles';

/** The gaps between kernels: neutral grey, distinct from the white of a zero weight. */
const GAP: Rgb = [160, 160, 160];

/**
 * For kernels reading red, green and blue (weight [a, 3, k, k]): the colour of position `i` of the tiled
 * kernels (kernel ⌊i / k²⌋, pixel i mod k²), each plane's weight as its colour, 0 at mid-grey and ±scale
 * at the ends, so a kernel looks like the colour pattern it answers to most. NaN (a gap) is GAP.
 */
export function kernelColour(data: ArrayLike<number>, k: number, scale: number): (i: number) => Rgb {
  const area = k * k;
  const level = (v: number) => Math.round(255 * Math.max(0, Math.min(1, 0.5 + v / (2 * (scale || 1)))));
  return (i) => {
    if (Number.isNaN(i)) return GAP;
    const o = Math.floor(i / area);
    const at = i % area;
    return [0, 1, 2].map((c) => level(data[(3 * o + c) * area + at])) as Rgb;
  };
}

function LayerFilters({ layer }: { layer: LayerSnapshot }) {
  const { t } = useTranslation();
  const weight = layer.tensors.find((t) => t.name === 'weight');
  const view = useMemo(() => {
    if (!weight) return null;
    const [a, b, k] = weight.shape;
    const scale = maxAbs(weight.data);
    // One row per output map and one column per input channel; a single input channel wraps into rows of 8.
    const grid = tile(weight.data, a * b, k, k, b === 1 ? Math.min(a, 8) : b, Number.NaN);
    const zoom = Math.max(3, Math.min(10, Math.floor(240 / Math.max(grid.h, grid.w))));
    const colour = (v: number): Rgb => (Number.isNaN(v) ? GAP : diverging(v, scale));
    // Kernels over a colour input are shown once more as colours (indices tiled, coloured from the planes).
    const rgb =
      b === 3
        ? {
            grid: tile(
              Float32Array.from({ length: a * k * k }, (_, i) => i),
              a,
              k,
              k,
              Math.min(a, 8),
              Number.NaN,
            ),
            colour: kernelColour(weight.data, k, scale),
          }
        : null;
    return { grid, scale, a, b, k, zoom, colour, rgb };
  }, [weight]);
  if (!view) return null;
  const { grid, scale, a, b, k, zoom, colour, rgb } = view;
  return (
    <>
      {rgb && (
        <figure className="inspect-figure">
          <PixelCanvas
            values={rgb.grid.values}
            h={rgb.grid.h}
            w={rgb.grid.w}
            colour={rgb.colour}
            label={t('filterGrid.asColours', { layerIndex: layer.layerIndex + 1, kind: layer.kind })}
            className="filters"
            zoom={Math.max(3, Math.min(10, Math.floor(240 / Math.max(rgb.grid.h, rgb.grid.w))))}
            testId={`filters-rgb-${layer.layerIndex}`}
          />
          <figcaption>{t('filterGrid.asColoursCaption', { layerIndex: layer.layerIndex + 1, a })}</figcaption>
        </figure>
      )}
      <figure className="inspect-figure">
        <PixelCanvas
          values={grid.values}
          h={grid.h}
          w={grid.w}
          colour={colour}
          label={t('filterGrid.layerKernels', { layerIndex: layer.layerIndex + 1, kind: layer.kind })}
          className="filters"
          zoom={zoom}
          testId={`filters-${layer.layerIndex}`}
        />
        <figcaption>
          {t('filterGrid.kernelsOfColour', {
            layerIndex: layer.layerIndex + 1,
            kind: layer.kind,
            a,
            b,
            k,
            scale: scale.toPrecision(3),
          })}
        </figcaption>
      </figure>
    </>
  );
}

export function FilterGrid({ weights }: { weights: LayerSnapshot[] | null }) {
  const { t } = useTranslation();
  const convs = (weights ?? []).filter((l) => definitionOf(l.kind).traits?.filters);
  if (!weights) return <p className="muted">{t('filterGrid.filtersAppearOnceThe')}</p>;
  if (convs.length === 0) return <p className="muted">{t('filterGrid.thisNetworkHasNo')}</p>;
  return (
    <div className="inspect-row" aria-label={t('filterGrid.filters')}>
      {convs.map((l) => (
        <LayerFilters key={l.layerIndex} layer={l} />
      ))}
      <DivergingLegend />
    </div>
  );
}

function DivergingLegend() {
  const { t } = useTranslation();
  return (
    <p className="legend">
      <span className="swatch neg" /> {t('filterGrid.negative')} <span className="swatch zero" /> 0{' '}
      <span className="swatch pos" /> {t('filterGrid.positive')}
    </p>
  );
}
