// What training has measured: the loss curve, per-epoch accuracy, the latest evaluation and predictions.
import type { StateCreator } from 'zustand';
import type { EvaluationReport, GalleryItem, MetricsReport, ProgressReport } from '../../training/protocol';
import {
  appendDecimated,
  debiased,
  foldAccuracy,
  upsertEpoch,
  updateEma,
  type Ema,
  type EpochPoint,
  type LossPoint,
  type RunningAccuracy,
} from './series';
import type { AppState } from './store';

export interface MetricsSlice {
  lossPoints: LossPoint[];
  lossEma: Ema;
  /** Finished (or evaluated) epochs only, so the accuracy chart redraws once per epoch, not per report. */
  epochPoints: EpochPoint[];
  running: RunningAccuracy | null;
  latest: MetricsReport | null;
  /** The step count and epoch as training goes, between metrics reports. */
  progress: ProgressReport | null;
  evaluation: EvaluationReport | null;
  gallery: GalleryItem[];
  /** Class probabilities of the digit on the draw pad. */
  drawProbabilities: Float32Array | null;
  addMetrics: (report: MetricsReport) => void;
  addMetricsBatch: (reports: readonly MetricsReport[]) => void;
  addEvaluation: (report: EvaluationReport) => void;
  setProgress: (progress: ProgressReport) => void;
  setGallery: (items: GalleryItem[]) => void;
  setDrawProbabilities: (p: Float32Array | null) => void;
  clearMetrics: () => void;
}

const empty = () => ({
  lossPoints: [] as LossPoint[],
  lossEma: { value: 0, count: 0 },
  epochPoints: [] as EpochPoint[],
  running: null,
  latest: null,
  progress: null,
  evaluation: null,
  gallery: [] as GalleryItem[],
});

export const createMetricsSlice: StateCreator<AppState, [], [], MetricsSlice> = (set, get) => ({
  ...empty(),
  drawProbabilities: null,
  addMetrics: (report) => get().addMetricsBatch([report]),
  // Several reports folded into one state change: one render for all the reports of a frame.
  addMetricsBatch: (reports) => {
    if (reports.length === 0) return;
    let { latest, lossEma, lossPoints, running, epochPoints } = get();
    for (const report of reports) {
      const steps = Math.max(1, report.step - (latest?.step ?? 0));
      if (Number.isFinite(report.trainLoss)) lossEma = updateEma(lossEma, report.trainLoss);
      const point: LossPoint = { step: report.step, loss: report.trainLoss, smoothed: debiased(lossEma) };
      if (running && running.epoch !== report.epoch)
        epochPoints = upsertEpoch(epochPoints, running.epoch, { trainAccuracy: running.accuracy });
      lossPoints = appendDecimated(lossPoints, point);
      running = foldAccuracy(running, report.epoch, report.trainAccuracy, steps);
      latest = report;
    }
    set({ latest, lossEma, lossPoints, running, epochPoints });
  },
  // Filed under the epoch of the last step taken (the report's own epoch counts completed epochs), with
  // that epoch's train accuracy so far.
  addEvaluation: (report) =>
    set((s) => {
      const epoch = s.latest?.epoch ?? 0;
      const train = s.running?.epoch === epoch ? { trainAccuracy: s.running.accuracy } : {};
      return {
        evaluation: report,
        epochPoints: upsertEpoch(s.epochPoints, epoch, { ...train, testAccuracy: report.testAccuracy }),
      };
    }),
  setProgress: (progress) => set({ progress }),
  setGallery: (gallery) => set({ gallery }),
  setDrawProbabilities: (drawProbabilities) => set({ drawProbabilities }),
  clearMetrics: () => set(empty()),
});
