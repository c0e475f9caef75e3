// Segmentation and detection on scenes of several digits, trained in the worker. The builder edits the
// network (a preset loads here); this panel sets how the scenes are drawn, trains, and shows the curves,
// test scenes with the network's answers, the scene viewer and a pad to draw a scene on.
import { useState } from 'react';
import { DEFAULT_BACKGROUND_WEIGHT, type Hyperparams } from '../../network/hyper';
import { SCENE_LIMITS, isDenseTask, type SceneSettings } from '../../network/dense';
import { DETECTION_HYPER, SEGMENTATION_HYPER } from '../../network/dense-presets';
import { presetSpec, type PresetId } from '../../network/presets';
import type { NetworkSpec } from '../../network/spec';
import { analysisOf } from '../builder/useAnalysis';
import { useStore } from '../store/store';
import { DenseCharts } from './DenseCharts';
import { DenseInside } from './DenseInside';
import { formatFigure } from './denseState';
import { ScenePad } from './ScenePad';
import { ScenePreviews } from './ScenePreviews';
import { SceneViewer } from './SceneViewer';
import { useDense } from './useDense';
import './dense.css';

const PRESETS: { id: PresetId; label: string }[] = [
  { id: 'unet', label: 'U-Net' },
  { id: 'fcn', label: 'Small FCN' },
  { id: 'centernet', label: 'CenterNet detector' },
];

const SCENE_FIELDS: { key: keyof SceneSettings; label: string; min: number; max: number }[] = [
  { key: 'minDigits', label: 'Digits from', min: 1, max: SCENE_LIMITS.maxDigits },
  { key: 'maxDigits', label: 'to', min: 1, max: SCENE_LIMITS.maxDigits },
  { key: 'minScale', label: 'Digit size from', min: SCENE_LIMITS.minScale, max: SCENE_LIMITS.maxSide },
  { key: 'maxScale', label: 'to', min: SCENE_LIMITS.minScale, max: SCENE_LIMITS.maxSide },
  { key: 'clutter', label: 'Clutter', min: 0, max: SCENE_LIMITS.maxClutter },
  { key: 'noise', label: 'Noise', min: 0, max: SCENE_LIMITS.maxNoise },
];

const sideOf = (spec: NetworkSpec) => (spec.input.shape.length === 3 ? spec.input.shape[1] : 0);

export function DensePanel() {
  const client = useStore((s) => s.client);
  const spec = useStore((s) => s.spec);
  const storeHyper = useStore((s) => s.hyper);
  const datasetReady = useStore((s) => s.dataset.phase === 'ready');
  const view = useDense(client);
  const dense = isDenseTask(spec.task);
  const [lr, setLr] = useState(SEGMENTATION_HYPER.lr);
  const [batch, setBatch] = useState(SEGMENTATION_HYPER.batchSize);
  const [background, setBackground] = useState(DEFAULT_BACKGROUND_WEIGHT);
  const [sent, setSent] = useState('');
  const [drawing, setDrawing] = useState<Uint8Array | null>(null);
  const [minScore, setMinScore] = useState(0.3);

  const hyper = (): Hyperparams => ({
    ...storeHyper,
    ...(spec.task === 'detection' ? DETECTION_HYPER : SEGMENTATION_HYPER),
    seed: storeHyper.seed,
    lr,
    batchSize: batch,
    ...(spec.task === 'segmentation' ? { backgroundWeight: background } : {}),
  });
  const choose = (id: PresetId) => {
    // The scenes are drawn from the dataset the user picked (MNIST or Fashion-MNIST).
    const preset = presetSpec(id);
    const dataset = useStore.getState().spec.input.dataset;
    useStore.getState().loadSpec({ ...preset, input: { ...preset.input, dataset } });
    setLr((id === 'centernet' ? DETECTION_HYPER : SEGMENTATION_HYPER).lr);
  };
  const editScene = (key: keyof SceneSettings, value: number) => {
    if (!spec.scene || !Number.isFinite(value)) return;
    useStore.getState().editSpec({ ...spec, scene: { ...spec.scene, [key]: value } });
  };
  const editSide = (side: number) => {
    if (!Number.isFinite(side)) return;
    useStore.getState().editSpec({ ...spec, input: { ...spec.input, shape: [1, side, side] } });
  };
  const train = () => {
    if (!client) return;
    const h = hyper();
    const key = JSON.stringify([spec, h]);
    // A changed design or setting builds afresh; otherwise a paused run goes on.
    if (key !== sent || view.task === null) {
      client.dense({ kind: 'set', spec, hyper: h });
      setSent(key);
      setDrawing(null);
    }
    client.dense({ kind: 'start' });
  };
  const analysis = dense ? analysisOf(spec) : null;
  const blocked = !client
    ? 'The trainer is starting…'
    : !datasetReady
      ? 'Waiting for the dataset to load…'
      : !dense
        ? 'The builder holds a classification or generative network: choose a preset above.'
        : !analysis?.valid
          ? 'The network has errors: the builder shows them and how to fix them.'
          : null;
  const latest = view.figures.at(-1);
  const summary =
    view.task === 'segmentation'
      ? `mean IoU ${formatFigure(latest?.meanIoU)} · pixel accuracy ${formatFigure(latest?.pixelAccuracy, true)}`
      : view.task === 'detection'
        ? `mAP@0.5 ${formatFigure(latest?.meanAP)}`
        : '';

  return (
    <div className="dense">
      <h2>Segmentation and detection</h2>
      <p className="muted">
        Scenes of several digits: a segmentation network gives every pixel a class (background or a digit), a
        detector finds each digit with a box. Choose a design; the builder shows its layers.
      </p>
      <div role="group" aria-label="Dense design" className="control-buttons">
        {PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            aria-pressed={spec.name === presetSpec(p.id).name && dense}
            onClick={() => choose(p.id)}
          >
            {p.label}
          </button>
        ))}
      </div>
      {dense && spec.scene && (
        <>
          <div className="dense-settings" aria-label="Scene settings">
            <label>
              Scene side
              <select value={sideOf(spec)} onChange={(e) => editSide(Number(e.target.value))}>
                {[32, 48, 64, 96, 128].map((s) => (
                  <option key={s} value={s}>
                    {s}×{s}
                  </option>
                ))}
              </select>
            </label>
            {SCENE_FIELDS.map((f) => (
              <label key={f.key}>
                {f.label}
                <input
                  type="number"
                  min={f.min}
                  max={f.max}
                  value={spec.scene![f.key]}
                  onChange={(e) => editScene(f.key, Number(e.target.value))}
                />
              </label>
            ))}
          </div>
          <div className="dense-settings" aria-label="Training settings">
            <label>
              Learning rate
              <input
                type="number"
                step="any"
                min={0}
                value={lr}
                onChange={(e) => setLr(Number(e.target.value))}
              />
            </label>
            <label>
              Batch size
              <input
                type="number"
                min={1}
                max={256}
                value={batch}
                onChange={(e) => setBatch(Number(e.target.value))}
              />
            </label>
            {spec.task === 'segmentation' && (
              <label>
                Background weight
                <input
                  type="number"
                  step="any"
                  min={0}
                  max={10}
                  value={background}
                  onChange={(e) => setBackground(Number(e.target.value))}
                />
              </label>
            )}
          </div>
          <div className="control-buttons">
            {view.state === 'training' ? (
              <button type="button" className="primary" onClick={() => client?.dense({ kind: 'pause' })}>
                Pause {view.task}
              </button>
            ) : (
              <button type="button" className="primary" onClick={train} disabled={blocked !== null}>
                Train {spec.task === 'detection' ? 'detector' : 'segmentation'}
              </button>
            )}
            <button
              type="button"
              onClick={() => client?.dense({ kind: 'reset' })}
              disabled={!client || view.task === null}
            >
              Reset {view.task ?? 'network'}
            </button>
            <span role="status" className="muted" data-testid="dense-state">
              {blocked ??
                view.reason ??
                `${view.state}${view.losses.length ? ` · step ${view.losses.at(-1)!.step}` : ''}${
                  view.scenesPerSecond ? ` · ${view.scenesPerSecond.toFixed(1)} scenes/s` : ''
                }`}
            </span>
          </div>
          {view.error && (
            <p role="alert" className="error">
              {view.error}
            </p>
          )}
          {view.task && (
            <>
              <p className="dense-summary" data-testid="dense-summary">
                {summary}
              </p>
              <p className="muted">
                {view.task === 'segmentation'
                  ? 'For scale: on the default scenes at batch 16, the U-Net passes a mean IoU of 0.7 after about 800 steps; pixel accuracy is high from the start, as most pixels are background.'
                  : 'For scale: on the default scenes at batch 16, the detector passes an mAP@0.5 of 0.7 after about 1,000 steps.'}
              </p>
              <DenseCharts task={view.task} losses={view.losses} figures={view.figures} />
              {view.task === 'detection' && (
                <label className="dense-threshold">
                  Show boxes scoring at least {minScore.toFixed(2)}
                  <input
                    type="range"
                    min={0.05}
                    max={0.95}
                    step={0.05}
                    value={minScore}
                    onChange={(e) => setMinScore(Number(e.target.value))}
                  />
                </label>
              )}
              <ScenePreviews view={view} minScore={minScore} />
              <ScenePad
                view={view}
                client={client}
                drawing={drawing}
                onDrawing={setDrawing}
                minScore={minScore}
              />
              <DenseInside view={view} client={client} kinds={spec.layers.map((l) => l.kind)} />
            </>
          )}
          <SceneViewer view={view} client={client} spec={spec} seed={storeHyper.seed} />
        </>
      )}
    </div>
  );
}
