// Which layers the selected layer reads: the keyboard way to make skip connections. A one-input layer
// picks its input (the previous layer by default); a merging layer (Add, Concat) lists its inputs, each a
// choice among the network input and the layers before it, with Add input and remove buttons.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { definitionOf } from '../../layers';
import { INPUT_ID, type NetworkSpec } from '../../network/spec';
import { useStore } from '../store/store';

const PREVIOUS = '';

export function InputsField({ spec, index }: { spec: NetworkSpec; index: number }) {
  const { t } = useTranslation();
  const id = useId();
  const setLayerInputs = useStore((s) => s.setLayerInputs);
  const layer = spec.layers[index];
  const many = definitionOf(layer.kind).arity === 'many';
  const previousId = index === 0 ? INPUT_ID : spec.layers[index - 1].id;
  const current = layer.inputs ?? [previousId];
  const sources = [
    { id: INPUT_ID, name: t('inputsField.networkInput') },
    ...spec.layers
      .slice(0, index)
      .map((l, i) => ({ id: l.id, name: t('shapes:name.layer', { n: i + 1, kind: l.kind }) })),
  ].reverse();
  const set = (inputs: string[] | null) => setLayerInputs(layer.id, inputs);
  const choose = (k: number, value: string) => {
    if (!many && value === PREVIOUS) return set(null);
    const next = current.map((s, j) => (j === k ? value : s));
    set(!many && next[0] === previousId ? null : next);
  };
  const unused = sources.find((s) => !current.includes(s.id));
  return (
    <fieldset className="inputs-field" aria-describedby={`${id}-doc`}>
      <legend>{many ? t('inputsField.inputs') : t('inputsField.input')}</legend>
      {current.map((source, k) => (
        <span key={k} className="inputs-field-row">
          <select
            aria-label={many ? t('inputsField.inputN', { n: k + 1 }) : t('inputsField.input')}
            value={!many && layer.inputs === undefined ? PREVIOUS : source}
            onChange={(e) => choose(k, e.target.value)}
          >
            {!many && <option value={PREVIOUS}>{t('inputsField.previousLayer')}</option>}
            {sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
            {!sources.some((s) => s.id === source) && (
              <option value={source}>{t('inputsField.notFound', { id: source })}</option>
            )}
          </select>
          {many && current.length > 1 && (
            <button
              type="button"
              aria-label={t('inputsField.removeInput', { n: k + 1 })}
              onClick={() => set(current.filter((_, j) => j !== k))}
            >
              ×
            </button>
          )}
        </span>
      ))}
      {many && unused && (
        <button type="button" onClick={() => set([...current, unused.id])}>
          {t('inputsField.addInput')}
        </button>
      )}
      <small id={`${id}-doc`} className="muted">
        {many ? t('inputsField.docMany') : t('inputsField.docOne')}
      </small>
    </fieldset>
  );
}
