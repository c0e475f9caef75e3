// Wires a TrainerClient to the store: worker events become store actions. Returns the unsubscribe.
import { tr } from '../../i18n';
import type { TrainerClient } from '../../training/client';
import type { MetricsReport, ProgressReport } from '../../training/protocol';
import type { useStore } from '../store/store';
import { frameBatch } from './frame-batch';

type Store = typeof useStore;

export function bindTrainerEvents(client: TrainerClient, store: Store): () => void {
  // Metrics reports reach the store at most once a frame; any other event first delivers those queued,
  // so the store sees events in the order the worker sent them.
  const metrics = frameBatch<MetricsReport>((reports) => store.getState().addMetricsBatch(reports));
  // Progress (the live step count) likewise, the newest of a frame's only.
  const progress = frameBatch<ProgressReport>((reports) => store.getState().setProgress(reports.at(-1)!));
  const s = () => {
    metrics.flush();
    progress.flush();
    return store.getState();
  };
  // Set between a device loss and the next ready, so the notice can say how the recovery ended.
  let lostReason: string | null = null;
  const offs = [
    client.on('ready', (e) => {
      s().setBackend(e.backend, e.fallbackReason, e.choice);
      if (lostReason !== null) {
        s().setNotice(
          e.backend === 'webgpu'
            ? tr('ui:bridge.theGpuDeviceWas', { lostReason })
            : tr('ui:bridge.theGpuDeviceWas2', { lostReason }),
        );
        lostReason = null;
      }
      // The worker's adapter is the one that trains; on a CPU fallback the page's own probe still says
      // whether the browser has WebGPU, and the fallback reason is shown beside the backend.
      if (e.backend === 'webgpu' && e.gpu) s().setGpuStatus({ kind: 'available', gpu: e.gpu });
    }),
    client.on('backendReason', (e) => {
      const { backend } = s();
      if (backend) s().setBackend(backend, e.fallbackReason, e.choice);
    }),
    client.on('datasetProgress', (e) => s().datasetProgress(e.images, e.totalImages, e.train)),
    client.on('datasetReady', (e) => s().datasetReady(e.train, e.test, e.classNames)),
    client.on('datasetError', (e) => s().datasetFailed(e.message)),
    client.on('state', (e) => s().setTrainerState(e.state, e.reason)),
    client.on('modelReady', (e) => s().setModelGpuBytes(e.gpuBytes > 0 ? e.gpuBytes - e.datasetBytes : null)),
    client.on('metrics', (e) => metrics.push(e)),
    client.on('progress', ({ step, epoch, epochProgress }) => progress.push({ step, epoch, epochProgress })),
    client.on('testSample', (e) => s().addTestSample(e)),
    client.on('evaluation', (e) => s().addEvaluation(e)),
    client.on('gallery', (e) => s().setGallery(e.items)),
    client.on('diverged', (e) =>
      s().setNotice(tr('ui:bridge.trainingDivergedAtStep', { step: e.step, message: e.message })),
    ),
    client.on('deviceLost', (e) => {
      lostReason = e.recovering ? e.reason : null;
      s().setNotice(
        e.recovering
          ? tr('ui:bridge.deviceLostRecovering', { reason: e.reason })
          : tr('ui:bridge.deviceLost', { reason: e.reason }),
      );
    }),
    client.on('tuning', ({ done, total, finished, changed }) =>
      s().setKernelTuning({ done, total, finished, changed }),
    ),
    client.on('notice', (e) => s().setNotice(e.message)),
    client.on('error', (e) => s().setNotice(e.message)),
  ];
  return () => {
    offs.forEach((off) => off());
    metrics.dispose();
    progress.dispose();
  };
}
