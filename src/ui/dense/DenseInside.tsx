// Inside the dense network: every layer's feature maps for a test scene (the inspect panel's view, fed by
// the dense session), and how the task learns: its loss, how the outputs become labels or boxes, and how
// the decoder grows its maps back (upsampling).
import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { DenseTask } from '../../network/dense';
import type { TrainerClient } from '../../training/client';
import type { LayerSnapshot } from '../../training/protocol';
import { FeatureMaps } from '../inspect/FeatureMaps';
import type { DenseView } from './dense-state';

let nextId = 1;

/** The session's activations as the inspect panel's layer snapshots (one 'output' tensor per layer). */
export function activationSnapshots(
  kinds: readonly string[],
  shapes: number[][],
  values: Float32Array[],
): LayerSnapshot[] {
  return values.map((data, layerIndex) => ({
    layerIndex,
    kind: kinds[layerIndex] ?? 'layer',
    tensors: [{ name: 'output', shape: shapes[layerIndex], data }],
  }));
}

/** The explanations of each task, as keys of the ui catalogue. */
const LOSS: Record<DenseTask, string[]> = {
  segmentation: [
    'denseInside.segmentationLoss',
    'denseInside.segmentationWeight',
    'denseInside.segmentationReading',
  ],
  detection: ['denseInside.detectionHead', 'denseInside.detectionLoss', 'denseInside.detectionReading'],
};

export function DenseInside({
  view,
  client,
  kinds,
}: {
  view: DenseView;
  client: TrainerClient | null;
  kinds: readonly string[];
}) {
  const { t } = useTranslation();
  const [index, setIndex] = useState(0);
  const show = (i: number) => {
    setIndex(i);
    client?.dense({ kind: 'activations', id: nextId++, index: i });
  };
  const a = view.activations;
  return (
    <details className="dense-inside">
      <summary>{t('denseInside.insideTheNetworkFeature')}</summary>
      {view.task && (
        <div className="dense-explain" data-testid="dense-explain">
          {LOSS[view.task].map((key) => (
            <p key={key}>{t(key)}</p>
          ))}
          <p>{t('denseInside.upsampling')}</p>
        </div>
      )}
      <div className="control-buttons">
        <label>
          {t('denseInside.testScene')}{' '}
          <input
            type="number"
            min={1}
            max={256}
            value={index + 1}
            onChange={(e) => setIndex(Math.max(0, (e.target.valueAsNumber || 1) - 1))}
          />
        </label>
        <button type="button" onClick={() => show(index)} disabled={!client || !view.task}>
          {t('denseInside.showFeatureMaps')}
        </button>
      </div>
      {a && <FeatureMaps activations={activationSnapshots(kinds, a.shapes, a.values)} />}
    </details>
  );
}
