// The model summary's cost columns: memory per layer for one training step (activations, parameters),
// estimated from the shapes, with the model's GPU buffers as measured beside the total, and measured GPU
// time per layer (forward / backward), with a button to measure it.
import { useTranslation } from 'react-i18next';
import { useStore } from '../store/store';
import { useAnalysis } from '../builder/useAnalysis';
import { formatBytesShort, formatTimes, layerMemory } from './cost';

export function CostHeaders() {
  const { t } = useTranslation();
  return (
    <>
      <th scope="col">{t('costColumns.memoryEstimatedActParams')}</th>
      <th scope="col">{t('costColumns.gpuTimeFwdBwd')}</th>
    </>
  );
}

function useTimes() {
  const spec = useStore((s) => s.spec);
  const times = useStore((s) => s.layerTimes);
  return times && times.spec === spec ? times : null;
}

/** `index`: the layer's index in the analysis, or null for the input row. */
export function CostCells({ index }: { index: number | null }) {
  const { t } = useTranslation();
  const analysis = useAnalysis();
  const batch = useStore((s) => s.hyper.batchSize);
  const times = useTimes();
  if (index === null) {
    const shape = analysis.layers[0]?.inputShape ?? [];
    return (
      <>
        <td>
          {t('costColumns.t0B', {
            formatBytesShort: formatBytesShort(2 * shape.reduce((a, b) => a * b, 1) * batch * 4),
          })}
        </td>
        <td>—</td>
      </>
    );
  }
  const m = layerMemory(analysis.layers[index], batch);
  const time = times?.layers.find((l) => l.layerIndex === index);
  return (
    <>
      <td>
        {formatBytesShort(m.activationBytes)} / {formatBytesShort(m.paramBytes)}
      </td>
      <td data-testid={`layer-time-${index}`}>{time ? formatTimes(time.forwardMs, time.backwardMs) : '—'}</td>
    </>
  );
}

export function CostTotals() {
  const { t } = useTranslation();
  const analysis = useAnalysis();
  const times = useTimes();
  const error = useStore((s) => s.layerTimesError);
  const measure = useStore((s) => s.measureLayerTimes);
  const canMeasure = useStore(
    (s) => s.backend === 'webgpu' && s.trainerState !== 'training' && analysis.valid,
  );
  const measured = useStore((s) => s.modelGpuBytes);
  const total = times?.layers.reduce((s, l) => s + l.forwardMs + l.backwardMs, 0);
  return (
    <>
      <td>
        {formatBytesShort(analysis.memory.totalBytes)}
        {measured !== null && (
          <span
            className="measured-bytes"
            data-testid="gpu-bytes"
            title={t('costColumns.everyBufferTheBuilt')}
          >
            {t('costColumns.measuredOfGpuBuffers', { measured: formatBytesShort(measured) })}
          </span>
        )}
      </td>
      <td>
        {total !== undefined && (
          <span title={t('costColumns.measuredWithBatch', { method: times!.method, batch: times!.batch })}>
            {total.toFixed(2)} ms{' '}
          </span>
        )}
        <button
          type="button"
          onClick={() => void measure()}
          disabled={!canMeasure}
          title={error ?? undefined}
        >
          {t('costColumns.measureGpuTime')}
        </button>
      </td>
    </>
  );
}
