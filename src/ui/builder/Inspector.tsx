// Edits the selected layer's parameters under their PyTorch names, each with a one-line explanation.
import { useTranslation } from 'react-i18next';
import { PARAM_DOCS } from '../../network';
import { PARAM_RULES } from '../../network/params';
import { paramNames, type Layer } from '../../network/spec';
import type { ParamValue } from '../store/spec-edits';
import { useStore } from '../store/store';
import { InputsField } from './InputsField';
import { ParamField } from './ParamField';
import { useAnalysis } from './useAnalysis';

export function Inspector() {
  const { t } = useTranslation();
  const spec = useStore((s) => s.spec);
  const selectedId = useStore((s) => s.selectedLayerId);
  const setLayerParam = useStore((s) => s.setLayerParam);
  const selectLayer = useStore((s) => s.selectLayer);
  const analysis = useAnalysis();
  const index = spec.layers.findIndex((l) => l.id === selectedId);
  if (index < 0) {
    return (
      <section aria-label={t('inspector.inspector')} className="inspector">
        <p className="muted">{t('inspector.selectALayer')}</p>
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
    <section aria-label={t('inspector.inspector')} className="inspector">
      <div className="inspector-head">
        <h3>
          {t('inspector.layerN', { n: index + 1 })} <code>nn.{layer.kind}</code>
        </h3>
        <button
          type="button"
          aria-label={t('inspector.close')}
          title={t('inspector.closeTitle')}
          onClick={() => selectLayer(null)}
        >
          ✕
        </button>
      </div>
      <InputsField spec={spec} index={index} />
      {params.length === 0 && <p className="muted">{t('inspector.noParameters', { kind: layer.kind })}</p>}
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
