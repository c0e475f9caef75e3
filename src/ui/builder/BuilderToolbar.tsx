// Undo/redo, the dataset picker, the presets (which ask before replacing unsaved edits), the choice of
// view (diagram or outline), tidying a hand-placed diagram, and the design's size and cost.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRESETS, presetSpec, type PresetId } from '../../network';
import { isDenseTask } from '../../network/dense';
import { datasetName, isUserDataset } from '../../network/dataset-input';
import { builtinFor, switchDataset } from '../../network/dataset-switch';
import {
  DATASET_NAMES,
  emptySpec,
  type DatasetId,
  type DatasetRef,
  type NetworkSpec,
} from '../../network/spec';
import { ConfirmDialog } from '../shell/ConfirmDialog';
import { showPanel } from '../shell/PanelTabs';
import { hasUnsavedEdits } from '../store/network-slice';
import { presetOf } from './preset-of';
import { useStore } from '../store/store';
import { formatCount, formatFlops } from './layer-summary';
import { useAnalysis } from './useAnalysis';

/** Which view shows the design, and a way back to the auto-layout for a diagram placed by hand. */
/** Each GAN preset's counterpart. */
const GAN_PARTNER: Partial<Record<PresetId, PresetId>> = {
  'dcgan-generator': 'dcgan-discriminator',
  'dcgan-discriminator': 'dcgan-generator',
  'cgan-generator': 'cgan-discriminator',
  'cgan-discriminator': 'cgan-generator',
};

function ViewSwitch() {
  const { t } = useTranslation();
  const view = useStore((s) => s.builderView);
  const setView = useStore((s) => s.setBuilderView);
  const placed = useStore((s) => s.spec.layout !== undefined);
  const tidy = () => {
    const { spec, editSpec } = useStore.getState();
    const { layout: _layout, ...auto } = spec;
    editSpec(auto);
  };
  return (
    <span className="view-switch" role="group" aria-label={t('builderToolbar.view')}>
      <button type="button" aria-pressed={view === 'diagram'} onClick={() => setView('diagram')}>
        {t('builderToolbar.diagram')}
      </button>
      <button type="button" aria-pressed={view === 'outline'} onClick={() => setView('outline')}>
        {t('builderToolbar.outline')}
      </button>
      {view === 'diagram' && placed && (
        <button type="button" onClick={tidy} title={t('builderToolbar.tidyTitle')}>
          {t('builderToolbar.tidy')}
        </button>
      )}
    </span>
  );
}

function Totals() {
  const { t } = useTranslation();
  const analysis = useAnalysis();
  return (
    <span className="totals muted">
      <span data-testid="total-params">{formatCount(analysis.totalParams)}</span>{' '}
      {t('builderToolbar.parameters')} ·{' '}
      {t('builderToolbar.flops', { flops: formatFlops(analysis.totalFlops) })}
    </span>
  );
}

export function BuilderToolbar() {
  const { t } = useTranslation();
  const canUndo = useStore((s) => s.history.past.length > 0);
  const canRedo = useStore((s) => s.history.future.length > 0);
  const undo = useStore((s) => s.undo);
  const redo = useStore((s) => s.redo);
  const dataset = useStore((s) => s.spec.input.dataset);
  const input = useStore((s) => s.spec.input);
  const myData = useStore((s) => s.myData);
  const setDatasetOfSpec = useStore((s) => s.setDatasetOfSpec);
  const baseline = useStore((s) => s.baseline);
  // The menu shows the preset picked since the last load, else the preset the loaded design is (or that
  // it is none): after an import or a link it never names a design the builder does not hold.
  const [picked, setPicked] = useState<{ id: PresetId; baseline: NetworkSpec } | null>(null);
  const presetId = picked?.baseline === baseline ? picked.id : (presetOf(baseline) ?? '');
  /** Loading a design, waiting for the user to confirm replacing unsaved edits. */
  const [pending, setPending] = useState<(() => void) | null>(null);

  const replace = (load: () => void) => {
    const apply = () => {
      load();
      setPending(null);
    };
    if (hasUnsavedEdits(useStore.getState())) setPending(() => apply);
    else apply();
  };
  // Presets and the empty network keep the dataset the user picked.
  // The user's own data resizes a classifier's output to its classes; generative presets keep MNIST.
  const withDataset = (spec: NetworkSpec) => {
    const current = useStore.getState().spec.input;
    return switchDataset(spec, isUserDataset(current.dataset) ? current : builtinFor(spec, current.dataset));
  };
  const loadPreset = () => {
    const preset = PRESETS.find((p) => p.id === presetId);
    if (!preset) return;
    const spec = withDataset(presetSpec(preset.id));
    const s = useStore.getState();
    if (preset.task === 'classification') {
      replace(() => {
        s.loadSpec(spec);
        s.setHyper(preset.hyper);
      });
    } else if (preset.task === 'reconstruction' || isDenseTask(preset.task)) {
      // Generative and dense designs keep the classifier's hyperparameters: their panels have their own.
      replace(() => s.loadSpec(spec));
    } else {
      // A GAN network comes with its counterpart (the conditional pair's with its own), so the Generate
      // panel can train the pair.
      const partner = withDataset(
        presetSpec(
          GAN_PARTNER[preset.id] ?? (preset.task === 'generator' ? 'dcgan-discriminator' : 'dcgan-generator'),
        ),
      );
      replace(() => {
        if (preset.task === 'generator') s.loadGan(spec, partner);
        else {
          s.loadGan(partner, spec);
          s.swapPartner();
        }
      });
    }
  };
  const clear = () => replace(() => useStore.getState().loadSpec(withDataset(emptySpec('classification'))));

  return (
    <div className="toolbar" role="toolbar" aria-label={t('builderToolbar.design')}>
      <button type="button" onClick={undo} disabled={!canUndo} title={t('builderToolbar.undoKeys')}>
        {t('builderToolbar.undo')}
      </button>
      <button type="button" onClick={redo} disabled={!canRedo} title={t('builderToolbar.redoKeys')}>
        {t('builderToolbar.redo')}
      </button>
      <label>
        {t('builderToolbar.dataset')}{' '}
        <select value={dataset} onChange={(e) => setDatasetOfSpec(e.target.value as DatasetRef)}>
          {(Object.keys(DATASET_NAMES) as DatasetId[]).map((id) => (
            <option key={id} value={id}>
              {DATASET_NAMES[id]}
            </option>
          ))}
          {myData && (
            <option value={myData.id}>
              {t('builderToolbar.classesOption', { name: myData.name, n: myData.classes.length })}
            </option>
          )}
          {isUserDataset(dataset) && myData?.id !== dataset && (
            <option value={dataset} disabled>
              {t('builderToolbar.notInBrowser', { name: datasetName(input) })}
            </option>
          )}
        </select>
      </label>
      <button type="button" className="toolbar-link" onClick={() => showPanel('mydata')}>
        {myData ? t('builderToolbar.yourOwnData') : t('builderToolbar.useYourOwnData')}
      </button>
      <label>
        {t('builderToolbar.preset')}{' '}
        <select value={presetId} onChange={(e) => setPicked({ id: e.target.value as PresetId, baseline })}>
          {presetId === '' && (
            <option value="" disabled>
              {t('builderToolbar.notAPreset', { name: baseline.name || t('builderToolbar.thisDesign') })}
            </option>
          )}
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id} title={p.description}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={loadPreset} disabled={presetId === ''}>
        {t('builderToolbar.loadPreset')}
      </button>
      <button type="button" onClick={clear}>
        {t('builderToolbar.clearNetwork')}
      </button>
      <ViewSwitch />
      <Totals />
      <ConfirmDialog
        open={pending !== null}
        title={t('builderToolbar.replaceTitle')}
        message={t('builderToolbar.replaceMessage')}
        confirmLabel={t('builderToolbar.replace')}
        onConfirm={() => pending?.()}
        onCancel={() => setPending(null)}
      />
    </div>
  );
}
