// Optimizer, learning rate, batch size, epochs, weight decay and seed. Only the learning rate may change
// during a run; the rest apply from the next Train, except a seed typed mid-run, which waits for Reset (the
// form says so).
import { useTranslation } from 'react-i18next';
import { useState, type ReactNode } from 'react';
import { validateHyper, type Hyperparams, type OptimizerKind } from '../../network/hyper';
import { useStore } from '../store/store';
import { LearningRateField } from './LearningRateField';

const OPTIMIZERS: { id: OptimizerKind; label: string }[] = [
  { id: 'sgd', label: 'SGD (momentum)' },
  { id: 'adam', label: 'Adam' },
  { id: 'adamw', label: 'AdamW' },
];

function NumberField(props: {
  label: string;
  value: number;
  step: number | 'any';
  disabled: boolean;
  onChange: (v: number) => void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <label className="param-field">
      {props.label}
      <input
        type="number"
        step={props.step}
        disabled={props.disabled}
        value={draft ?? String(props.value)}
        onChange={(e) => {
          setDraft(e.target.value);
          const v = Number(e.target.value);
          if (e.target.value.trim() !== '' && Number.isFinite(v)) props.onChange(v);
        }}
        onBlur={() => setDraft(null)}
      />
    </label>
  );
}

export function HyperparamsForm(): ReactNode {
  const { t } = useTranslation();
  const hyper = useStore((s) => s.hyper);
  const setHyper = useStore((s) => s.setHyper);
  const running = useStore((s) => s.trainerState === 'training');
  const runSeed = useStore((s) => s.runSeed);
  const issues = validateHyper(hyper);
  const set = (patch: Partial<Hyperparams>) => setHyper(patch);
  return (
    <fieldset className="hyper">
      <legend>{t('hyperparamsForm.hyperparameters')}</legend>
      <label className="param-field">
        {t('hyperparamsForm.optimizer')}
        <select
          value={hyper.optimizer}
          disabled={running}
          onChange={(e) => set({ optimizer: e.target.value as OptimizerKind })}
        >
          {OPTIMIZERS.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <LearningRateField value={hyper.lr} onChange={(lr) => set({ lr })} />
      <NumberField
        label={t('hyperparamsForm.batchSize')}
        value={hyper.batchSize}
        step={1}
        disabled={running}
        onChange={(batchSize) => set({ batchSize })}
      />
      <NumberField
        label={t('hyperparamsForm.epochs')}
        value={hyper.epochs}
        step={1}
        disabled={running}
        onChange={(epochs) => set({ epochs })}
      />
      <NumberField
        label={t('hyperparamsForm.weightDecay')}
        value={hyper.weightDecay}
        step="any"
        disabled={running}
        onChange={(weightDecay) => set({ weightDecay })}
      />
      <NumberField
        label={t('hyperparamsForm.labelSmoothing')}
        value={hyper.labelSmoothing}
        step="any"
        disabled={running}
        onChange={(labelSmoothing) => set({ labelSmoothing })}
      />
      {hyper.optimizer === 'sgd' && (
        <NumberField
          label={t('hyperparamsForm.momentum')}
          value={hyper.momentum}
          step="any"
          disabled={running}
          onChange={(momentum) => set({ momentum })}
        />
      )}
      <NumberField
        label={t('hyperparamsForm.seed')}
        value={hyper.seed}
        step={1}
        disabled={running}
        onChange={(seed) => set({ seed })}
      />
      {runSeed !== null && runSeed !== hyper.seed && (
        <p className="muted hint">{t('hyperparamsForm.theNewSeedApplies')}</p>
      )}
      {issues.map((issue) => (
        <p key={issue.field + issue.message} className={`issue issue-${issue.severity}`} role="alert">
          {issue.message}
        </p>
      ))}
    </fieldset>
  );
}
