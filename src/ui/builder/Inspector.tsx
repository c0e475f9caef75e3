// Edits the selected layer's parameters under their PyTorch names, each with a one-line explanation.
import { PARAM_DOCS } from '../../network';
import { PARAM_RULES } from '../../network/params';
import { paramNames, type Layer } from '../../network/spec';
import type { ParamValue } from '../store/spec-edits';
import { useStore } from '../store/store';
import { InputsField } from './InputsField';
import { ParamField } from './ParamField';
import { useAnalysis } from './useAnalysis';

export function Inspector() {
  const spec = useStore((s) => s.spec);
  const selectedId = useStore((s) => s.selectedLayerId);
  const setLayerParam = useStore((s) => s.setLayerParam);
  const selectLayer = useStore((s) => s.selectLayer);
  const analysis = useAnalysis();
  const index = spec.layers.findIndex((l) => l.id === selectedId);
  if (index < 0) {
    return (
      <section aria-label="Inspector" className="inspector">
        <p className="muted">Select a layer to edit its parameters.</p>
      </section>
    );
  }
  const layer = spec.layers[index];
  const wired = analysis.layers[index]?.wired ?? {};
  const rules: Record<string, (typeof PARAM_RULES)[keyof typeof PARAM_RULES][string]> =
    PARAM_RULES[layer.kind];
  const docs: Partial<Record<string, string>> = PARAM_DOCS[layer.kind] ?? {};
  const params = paramNames(layer.kind);
  return (
    <section aria-label="Inspector" className="inspector">
      <div className="inspector-head">
        <h3>
          Layer {index + 1}: <code>nn.{layer.kind}</code>
        </h3>
        <button
          type="button"
          aria-label="Close the inspector"
          title="Close"
          onClick={() => selectLayer(null)}
        >
          ✕
        </button>
      </div>
      <InputsField spec={spec} index={index} />
      {params.length === 0 && <p className="muted">{layer.kind} has no parameters.</p>}
      <div className="inspector-fields">
        {params.map((param) => (
          <ParamField
            key={`${layer.id}.${param}`}
            name={param}
            rule={rules[param]}
            value={(layer as Layer & Record<string, ParamValue>)[param]}
            doc={docs[param]}
            wiredValue={spec.autoWire ? (wired as Record<string, number | undefined>)[param] : undefined}
            onChange={(value) => setLayerParam(layer.id, param, value)}
          />
        ))}
      </div>
    </section>
  );
}
