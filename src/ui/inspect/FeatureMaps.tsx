// Every layer's activations for one input: conv and pool outputs as a grid of maps (click one to enlarge it
// with its value range), dense outputs as bars. One colour scale per layer: sequential when the layer's
// values are all ≥ 0 (after ReLU), blue-white-red otherwise.
import { useEffect, useMemo, useRef, useState } from 'react';
import { definitionOf } from '../../layers';
import type { LayerSnapshot } from '../../training/protocol';
import { diverging, maxAbs, range, sequential, type Rgb } from './colour';
import { PixelCanvas } from './PixelCanvas';

function layerColour(data: Float32Array): { colour: (v: number) => Rgb; min: number; max: number } {
  const { min, max } = range(data);
  if (min >= 0) return { colour: (v) => sequential(max > 0 ? v / max : 0), min, max };
  const scale = maxAbs(data);
  return { colour: (v) => diverging(v, scale), min, max };
}

interface Selected {
  layerIndex: number;
  channel: number;
}

function SpatialLayer({ layer, onPick }: { layer: LayerSnapshot; onPick: (s: Selected) => void }) {
  const out = layer.tensors[0];
  const [c, h, w] = out.shape;
  const { colour } = useMemo(() => layerColour(out.data), [out]);
  const maps = useMemo(
    () => Array.from({ length: c }, (_, ch) => out.data.subarray(ch * h * w, (ch + 1) * h * w)),
    [out, c, h, w],
  );
  return (
    <div className="maps" data-testid={`maps-${layer.layerIndex}`}>
      {maps.map((values, ch) => (
        <PixelCanvas
          key={ch}
          values={values}
          h={h}
          w={w}
          colour={colour}
          label={`Layer ${layer.layerIndex + 1} ${layer.kind} map ${ch + 1}`}
          className="map"
          onClick={() => onPick({ layerIndex: layer.layerIndex, channel: ch })}
        />
      ))}
    </div>
  );
}

function Bars({ layer }: { layer: LayerSnapshot }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const data = layer.tensors[0].data;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const { width, height } = ctx.canvas;
    ctx.clearRect(0, 0, width, height);
    const scale = maxAbs(data) || 1;
    const bw = width / data.length;
    const mid = height / 2;
    for (let i = 0; i < data.length; i++) {
      const v = data[i] / scale;
      ctx.fillStyle = v >= 0 ? '#b2182b' : '#2166ac';
      ctx.fillRect(i * bw, v >= 0 ? mid - v * mid : mid, Math.max(1, bw - 1), Math.abs(v) * mid);
    }
  }, [data]);
  return (
    <canvas
      ref={ref}
      width={Math.max(120, Math.min(480, data.length * 4))}
      height={48}
      className="bars"
      role="img"
      aria-label={`Layer ${layer.layerIndex + 1} ${layer.kind}: ${data.length} values as bars`}
      data-testid={`bars-${layer.layerIndex}`}
    />
  );
}

function Enlarged({
  layer,
  channel,
  onClose,
}: {
  layer: LayerSnapshot;
  channel: number;
  onClose: () => void;
}) {
  const out = layer.tensors[0];
  const [, h, w] = out.shape;
  const values = out.data.subarray(channel * h * w, (channel + 1) * h * w);
  const { colour } = layerColour(out.data);
  const { min, max } = range(values);
  return (
    <figure className="enlarged" aria-label="Enlarged feature map">
      <PixelCanvas
        values={values}
        h={h}
        w={w}
        colour={colour}
        label={`Enlarged map ${channel + 1}`}
        className="big"
        testId="enlarged-map"
      />
      <figcaption>
        Layer {layer.layerIndex + 1} ({layer.kind}), map {channel + 1}, {h}×{w}: values from{' '}
        <span data-testid="map-min">{min.toPrecision(3)}</span> to{' '}
        <span data-testid="map-max">{max.toPrecision(3)}</span>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </figcaption>
    </figure>
  );
}

export function FeatureMaps({ activations }: { activations: LayerSnapshot[] | null }) {
  const [selected, setSelected] = useState<Selected | null>(null);
  if (!activations) return <p className="muted">Feature maps appear once the model is built.</p>;
  const shown = activations.filter((l) => !definitionOf(l.kind).traits?.view);
  const picked = selected && activations.find((l) => l.layerIndex === selected.layerIndex);
  return (
    <div className="feature-maps" aria-label="Feature maps">
      {picked && picked.tensors[0].shape.length === 3 && (
        <Enlarged layer={picked} channel={selected.channel} onClose={() => setSelected(null)} />
      )}
      {shown.map((l) => (
        <section
          key={l.layerIndex}
          className="maps-layer"
          aria-label={`Layer ${l.layerIndex + 1} ${l.kind} output`}
        >
          <h4>
            {l.layerIndex + 1}. {l.kind} <span className="muted">{l.tensors[0].shape.join('×')}</span>
          </h4>
          {l.tensors[0].shape.length === 3 ? (
            <SpatialLayer layer={l} onPick={setSelected} />
          ) : (
            <Bars layer={l} />
          )}
        </section>
      ))}
    </div>
  );
}
