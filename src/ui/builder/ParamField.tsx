// One parameter of the selected layer, under its PyTorch name, with its one-line explanation.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParamRule } from '../../network/params';
import type { ParamValue } from '../store/spec-edits';

interface Props {
  name: string;
  rule: ParamRule;
  value: ParamValue;
  doc: string | undefined;
  /** Set when autoWire fills this parameter from the previous layer. */
  wiredValue: number | undefined;
  onChange: (value: ParamValue) => void;
}

function NumberInput(props: {
  id?: string;
  label?: string;
  describedBy: string;
  value: number;
  rule: ParamRule;
  disabled?: boolean;
  onChange: (v: number) => void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const { rule } = props;
  const bounds = rule.type === 'int' || rule.type === 'real' ? { min: rule.min, max: rule.max } : {};
  return (
    <input
      id={props.id}
      aria-label={props.label}
      aria-describedby={props.describedBy}
      type="number"
      step={rule.type === 'int' || rule.type === 'size' ? 1 : 'any'}
      {...bounds}
      disabled={props.disabled}
      value={draft ?? String(props.value)}
      onChange={(e) => {
        setDraft(e.target.value);
        const v = e.target.value.trim() === '' ? NaN : Number(e.target.value);
        if (Number.isFinite(v)) props.onChange(v);
      }}
      onBlur={() => setDraft(null)}
    />
  );
}

export function ParamField({ name, rule, value, doc, wiredValue, onChange }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const docId = `${id}-doc`;
  let control;
  if (rule.type === 'bool') {
    control = (
      <input
        id={id}
        type="checkbox"
        aria-describedby={docId}
        checked={value === true}
        onChange={(e) => onChange(e.target.checked)}
      />
    );
  } else if (rule.type === 'choice') {
    control = (
      <select
        id={id}
        aria-describedby={docId}
        value={String(value)}
        onChange={(e) => onChange(e.target.value)}
      >
        {rule.options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    );
  } else if (rule.type === 'size' && Array.isArray(value)) {
    control = (
      <span className="size3" role="group" aria-labelledby={`${id}-label`}>
        {rule.dims.map((axis, i) => (
          <NumberInput
            key={axis}
            label={`${name} ${axis}`}
            describedBy={docId}
            rule={rule}
            value={value[i]}
            onChange={(v) => onChange(value.map((x, j) => (j === i ? v : x)))}
          />
        ))}
      </span>
    );
  } else {
    control = (
      <NumberInput
        id={id}
        describedBy={docId}
        rule={rule}
        value={wiredValue ?? (value as number)}
        disabled={wiredValue !== undefined}
        onChange={onChange}
      />
    );
  }
  return (
    <div className="param-field">
      <label htmlFor={id} id={`${id}-label`}>
        <code>{name}</code>
      </label>
      {control}
      <small id={docId} className="muted">
        {doc}
        {wiredValue !== undefined && ` ${t('paramField.autoWired')}`}
      </small>
    </div>
  );
}
