// Segmentation and detection on scenes of several digits, trained in the worker. The builder edits the
// network (a preset loads here); this panel sets how the scenes are drawn, trains, and shows the curves,
// test scenes with the network's answers, the scene viewer and a pad to draw a scene on.
import { useTranslation } from 'react-i18next';
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
import { formatFigure } from './dense-state';
import { ScenePad } from './ScenePad';
import { ScenePreviews } from './ScenePreviews';
import { SceneViewer } from './SceneViewer';
import { useDense } from './useDense';
import './dense.css';

// Labels are keys of the ui catalogue.
const PRESETS: { id: PresetId; label: string }[] = [
  { id: 'unet', label: 'densePanel.presetUnet' },
  { id: 'fcn', label: 'densePanel.presetSmallFcn' },
  { id: 'centernet', label: 'densePanel.presetCenternetDetector' },
];

const SCENE_FIELDS: { key: keyof SceneSettings; label: string; min: number; max: number }[] = [
  { key: 'minDigits', label: 'densePanel.fieldDigitsFrom', min: 1, max: SCENE_LIMITS.maxDigits },
  { key: 'maxDigits', label: 'densePanel.fieldTo', min: 1, max: SCENE_LIMITS.maxDigits },
  {
    key: 'minScale',
    label: 'densePanel.fieldDigitSizeFrom',
    min: SCENE_LIMITS.minScale,
    max: SCENE_LIMITS.maxSide,
  },
  { key: 'maxScale', label: 'densePanel.fieldTo', min: SCENE_LIMITS.minScale, max: SCENE_LIMITS.maxSide },
  { key: 'clutter', label: 'densePanel.fieldClutter', min: 0, max: SCENE_LIMITS.maxClutter },
  { key: 'noise', label: 'densePanel.fieldNoise', min: 0, max: SCENE_LIMITS.maxNoise },
];

const sideOf = (spec: NetworkSpec) => (spec.input.shape.length === 3 ? spec.input.shape[1] : 0);

export function DensePanel() {
  const { t } = useTranslation();
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
    ? t('densePanel.theTrainerIsStarting')
    : !datasetReady
      ? t('densePanel.waitingForTheDataset')
      : !dense
        ? t('densePanel.theBuilderHoldsA')
        : !analysis?.valid
          ? t('densePanel.theNetworkHasErrors')
          : null;
  const latest = view.figures.at(-1);
  const summary =
    view.task === 'segmentation'
      ? t('densePanel.meanIouPixelAccuracy', {
          meanIoU: formatFigure(latest?.meanIoU),
          pixelAccuracy: formatFigure(latest?.pixelAccuracy, true),
        })
      : view.task === 'detection'
        ? `mAP@0.5 ${formatFigure(latest?.meanAP)}`
        : '';

  return (
    <div className="dense">
      <h2>{t('densePanel.segmentationAndDetection')}</h2>
      <p className="muted">{t('densePanel.scenesOfSeveralDigits')}</p>
      <div role="group" aria-label={t('densePanel.denseDesign')} className="control-buttons">
        {PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            aria-pressed={spec.name === presetSpec(p.id).name && dense}
            onClick={() => choose(p.id)}
          >
            {t(p.label)}
          </button>
        ))}
      </div>
      {dense && spec.scene && (
        <>
          <div className="dense-settings" aria-label={t('densePanel.sceneSettings')}>
            <label>
              {t('densePanel.sceneSide')}
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
                {t(f.label)}
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
          <div className="dense-settings" aria-label={t('densePanel.trainingSettings')}>
            <label>
              {t('densePanel.learningRate')}
              <input
                type="number"
                step="any"
                min={0}
                value={lr}
                onChange={(e) => setLr(Number(e.target.value))}
              />
            </label>
            <label>
              {t('densePanel.batchSize')}
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
                {t('densePanel.backgroundWeight')}
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
                {t('densePanel.pause', { task: view.task })}
              </button>
            ) : (
              <button type="button" className="primary" onClick={train} disabled={blocked !== null}>
                {t('densePanel.train', {
                  value: spec.task === 'detection' ? t('densePanel.detector') : t('densePanel.segmentation'),
                })}
              </button>
            )}
            <button
              type="button"
              onClick={() => client?.dense({ kind: 'reset' })}
              disabled={!client || view.task === null}
            >
              {t('densePanel.reset', { task: view.task ?? t('densePanel.network') })}
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
                  ? t('densePanel.forScaleOnThe')
                  : t('densePanel.forScaleOnThe2')}
              </p>
              <DenseCharts task={view.task} losses={view.losses} figures={view.figures} />
              {view.task === 'detection' && (
                <label className="dense-threshold">
                  {t('densePanel.showBoxesScoringAt', { minScore: minScore.toFixed(2) })}
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
