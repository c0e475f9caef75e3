// Every conv layer's kernels as a grid of small images: one row per output channel, one column per input
// channel, blue-white-red with one scale per layer (so kernels within a layer compare).
import { useMemo } from 'react';
import { definitionOf } from '../../layers';
import type { LayerSnapshot } from '../../training/protocol';
import { diverging, maxAbs, type Rgb } from './colour';
import { PixelCanvas } from './PixelCanvas';
import { tile } from './tiles';

/** The gaps between kernels: neutral grey, distinct from the white of a zero weight. */
const GAP: Rgb = [160, 160, 160];

function LayerFilters({ layer }: { layer: LayerSnapshot }) {
  const weight = layer.tensors.find((t) => t.name === 'weight');
  const view = useMemo(() => {
    if (!weight) return null;
    const [a, b, k] = weight.shape;
    const scale = maxAbs(weight.data);
    // One row per output map and one column per input channel; a single input channel wraps into rows of 8.
    const grid = tile(weight.data, a * b, k, k, b === 1 ? Math.min(a, 8) : b, Number.NaN);
    const zoom = Math.max(3, Math.min(10, Math.floor(240 / Math.max(grid.h, grid.w))));
    const colour = (v: number): Rgb => (Number.isNaN(v) ? GAP : diverging(v, scale));
    return { grid, scale, a, b, k, zoom, colour };
  }, [weight]);
  if (!view) return null;
  const { grid, scale, a, b, k, zoom, colour } = view;
  return (
    <figure className="inspect-figure">
      <PixelCanvas
        values={grid.values}
        h={grid.h}
        w={grid.w}
        colour={colour}
        label={`Layer ${layer.layerIndex + 1} ${layer.kind} kernels`}
        className="filters"
        zoom={zoom}
        testId={`filters-${layer.layerIndex}`}
      />
      <figcaption>
        {layer.layerIndex + 1}. {layer.kind}: {a}×{b} kernels of {k}×{k}; colour ±{scale.toPrecision(3)}
      </figcaption>
    </figure>
  );
}

export function FilterGrid({ weights }: { weights: LayerSnapshot[] | null }) {
  const convs = (weights ?? []).filter((l) => definitionOf(l.kind).traits?.filters);
  if (!weights) return <p className="muted">Filters appear once the model is built.</p>;
  if (convs.length === 0) return <p className="muted">This network has no convolution layers.</p>;
  return (
    <div className="inspect-row" aria-label="Filters">
      {convs.map((l) => (
        <LayerFilters key={l.layerIndex} layer={l} />
      ))}
      <DivergingLegend />
    </div>
  );
}

function DivergingLegend() {
  return (
    <p className="legend">
      <span className="swatch neg" /> negative <span className="swatch zero" /> 0{' '}
      <span className="swatch pos" /> positive
    </p>
  );
}
