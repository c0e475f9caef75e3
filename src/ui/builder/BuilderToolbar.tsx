// Undo/redo, the dataset picker and the presets (which ask before replacing unsaved edits).
import { useState } from 'react';
import { PRESETS, presetSpec, type PresetId } from '../../network';
import { DATASET_NAMES, type DatasetId } from '../../network/spec';
import { ConfirmDialog } from '../shell/ConfirmDialog';
import { hasUnsavedEdits } from '../store/networkSlice';
import { useStore } from '../store/store';

export function BuilderToolbar() {
  const canUndo = useStore((s) => s.history.past.length > 0);
  const canRedo = useStore((s) => s.history.future.length > 0);
  const undo = useStore((s) => s.undo);
  const redo = useStore((s) => s.redo);
  const dataset = useStore((s) => s.spec.input.dataset);
  const setDatasetOfSpec = useStore((s) => s.setDatasetOfSpec);
  const [presetId, setPresetId] = useState<PresetId>('lenet-5');
  const [confirming, setConfirming] = useState(false);

  const load = () => {
    const preset = PRESETS.find((p) => p.id === presetId);
    if (!preset) return;
    const { loadSpec, setHyper, spec } = useStore.getState();
    // A preset keeps the dataset the user picked.
    loadSpec({ ...presetSpec(preset.id), input: { ...preset.spec.input, dataset: spec.input.dataset } });
    setHyper(preset.hyper);
    setConfirming(false);
  };
  const requestLoad = () => (hasUnsavedEdits(useStore.getState()) ? setConfirming(true) : load());

  return (
    <div className="toolbar" role="toolbar" aria-label="Design">
      <button type="button" onClick={undo} disabled={!canUndo} title="Ctrl+Z">
        Undo
      </button>
      <button type="button" onClick={redo} disabled={!canRedo} title="Ctrl+Shift+Z">
        Redo
      </button>
      <label>
        Dataset{' '}
        <select value={dataset} onChange={(e) => setDatasetOfSpec(e.target.value as DatasetId)}>
          {(Object.keys(DATASET_NAMES) as DatasetId[]).map((id) => (
            <option key={id} value={id}>
              {DATASET_NAMES[id]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Preset{' '}
        <select value={presetId} onChange={(e) => setPresetId(e.target.value as PresetId)}>
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id} title={p.description}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={requestLoad}>
        Load preset
      </button>
      <ConfirmDialog
        open={confirming}
        title="Replace the design?"
        message="Loading a preset replaces your unsaved edits (you can still undo)."
        confirmLabel="Replace"
        onConfirm={load}
        onCancel={() => setConfirming(false)}
      />
    </div>
  );
}
