// A one-screen explanation of the selected layer: its formula in its own parameters (MathML), the output
// size with the numbers, and an animation of what it computes on the user's real data: the chosen digit
// (or test image) through the live network, the layer's trained weights, its real inputs and outputs.
// Each kind names an animation style in its definition; the style picks the component.
import { definitionOf, formulaOf } from '../../layers';
import type { LayerData } from '../../training/inspect/types';
import { useAnalysis } from '../builder/useAnalysis';
import { useStore } from '../store/store';
import { ANIMATIONS } from './animations/registry';
import { MathView } from './MathView';
import { PixelCanvas } from './PixelCanvas';
import { sequential } from './colour';

const grey = (v: number) => sequential(v);

export function ExplainView({
  index,
  onIndex,
  data,
}: {
  /** The layer shown (clamped to the design). */
  index: number;
  onIndex: (index: number) => void;
  data: LayerData | null;
}) {
  const layers = useStore((s) => s.spec.layers);
  const analysis = useAnalysis();
  const layer = layers[index];
  if (!layer) return <p className="muted">Add a layer to see its explanation.</p>;
  const inShape = analysis.layers[index]?.inputShape ?? null;
  const formula = formulaOf(layer, inShape && inShape.length === 3 ? inShape[1] : null);
  const style = definitionOf(layer.kind).animation;
  const Animation = ANIMATIONS[style];
  const current = data && data.layerIndex === index && data.layerKind === layer.kind ? data : null;
  return (
    <div className="explain" aria-label="Layer explanation">
      <label>
        Layer{' '}
        <select value={index} onChange={(e) => onIndex(Number(e.target.value))} aria-label="Layer to explain">
          {layers.map((l, i) => (
            <option key={l.id} value={i}>
              {i + 1}. {l.kind}
            </option>
          ))}
        </select>
      </label>
      <div className="formula" data-testid="formula">
        <MathView node={formula.rule} />
        {formula.size && <MathView node={formula.size} />}
      </div>
      <p>{formula.legend}</p>
      {current ? (
        <>
          <p className="explain-source muted">
            <PixelCanvas
              values={current.image}
              h={Math.round(Math.sqrt(current.image.length))}
              w={Math.round(Math.sqrt(current.image.length))}
              colour={grey}
              label="The input image the values come from"
              zoom={2}
            />{' '}
            Values for this image through the network at step {current.step}: the layer's inputs{' '}
            {current.inputs.map((t) => t.shape.join('×')).join(' and ')}, its output{' '}
            {current.output.shape.join('×')}.
          </p>
          <div data-testid="explain-animation" data-style={style} data-layer={index}>
            <Animation key={`${index}-${layer.id}`} layer={layer} data={current} />
          </div>
        </>
      ) : (
        <p className="muted">Computing this layer's values for the image…</p>
      )}
    </div>
  );
}
