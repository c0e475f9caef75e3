// A one-screen explanation of the selected layer: its formula in its own parameters (MathML), the output
// size with the numbers, and for sliding-window layers an animation of a real kernel over a real digit.
import { useState } from 'react';
import { definitionOf } from '../../layers';
import type { LayerSnapshot } from '../../training/protocol';
import { useAnalysis } from '../builder/useAnalysis';
import { useStore } from '../store/store';
import { formulaOf } from '../../layers/explain';
import { EDGE_KERNEL } from './kernel-walk';
import { KernelAnimation } from './KernelAnimation';
import { MathView } from './MathView';

export function ExplainView({
  weights,
  image,
}: {
  weights: LayerSnapshot[] | null;
  image: Float32Array | undefined;
}) {
  const layers = useStore((s) => s.spec.layers);
  const analysis = useAnalysis();
  const firstConv = Math.max(
    0,
    layers.findIndex((l) => definitionOf(l.kind).animation === 'conv'),
  );
  const [chosen, setChosen] = useState<number | null>(null);
  const [edge, setEdge] = useState(false);
  const index = chosen !== null && chosen < layers.length ? chosen : firstConv;
  const layer = layers[index];
  if (!layer) return <p className="muted">Add a layer to see its explanation.</p>;
  const inShape = analysis.layers[index]?.inputShape ?? null;
  const formula = formulaOf(layer, inShape && inShape.length === 3 ? inShape[1] : null);
  const animation = definitionOf(layer.kind).animation;
  const kernel = kernelFor(layer, animation, edge ? undefined : weights?.find((w) => w.layerIndex === index));
  return (
    <div className="explain" aria-label="Layer explanation">
      <label>
        Layer{' '}
        <select
          value={index}
          onChange={(e) => setChosen(Number(e.target.value))}
          aria-label="Layer to explain"
        >
          {layers.map((l, i) => (
            <option key={l.id} value={i}>
              {i + 1}. {l.kind}
            </option>
          ))}
        </select>
      </label>
      {animation === 'conv' && (
        <label>
          {' '}
          Kernel{' '}
          <select value={edge ? 'edge' : 'trained'} onChange={(e) => setEdge(e.target.value === 'edge')}>
            <option value="trained">this layer's trained weights</option>
            <option value="edge">3×3 edge filter</option>
          </select>
        </label>
      )}
      <div className="formula" data-testid="formula">
        <MathView node={formula.rule} />
        {formula.size && <MathView node={formula.size} />}
      </div>
      <p>{formula.legend}</p>
      {animation && image && 'stride' in layer && (
        <KernelAnimation
          key={`${index}-${layer.kind}`}
          image={image}
          kernel={kernel.values}
          k={kernel.k}
          kernelSource={kernel.source}
          mode={animation}
          initialStride={Math.min(4, layer.stride)}
          initialPadding={Math.min(3, layer.padding)}
        />
      )}
      {animation && !image && <p className="muted">Loading a test digit…</p>}
    </div>
  );
}

/** The layer's first trained kernel when it is small enough to read (k ≤ 5), else a known edge filter. */
function kernelFor(
  layer: { kind: string; kernel_size?: number },
  animation: string | undefined,
  snapshot: LayerSnapshot | undefined,
) {
  const k = layer.kernel_size ?? 3;
  if (animation !== 'conv')
    return { values: new Float32Array(k * k).fill(1), k, source: 'a pooling window (no weights)' };
  const weight = snapshot?.tensors.find((t) => t.name === 'weight');
  if (weight && k <= 5)
    return {
      values: weight.data.slice(0, k * k),
      k,
      source: `this layer's trained ${k}×${k} weights (output map 1, input channel 1)`,
    };
  return { values: EDGE_KERNEL, k: 3, source: 'a 3×3 vertical-edge (Sobel) filter' };
}
