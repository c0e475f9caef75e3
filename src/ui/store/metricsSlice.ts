// What training has measured: the loss curve, per-epoch accuracy, the latest evaluation and predictions.
import type { StateCreator } from 'zustand';
import type { EvaluationReport, GalleryItem, MetricsReport } from '../../training/protocol';
import {
  addTrainAccuracy,
  appendDecimated,
  debiased,
  setTestAccuracy,
  updateEma,
  type Ema,
  type EpochPoint,
  type LossPoint,
} from './series';
import type { AppState } from './store';

export interface MetricsSlice {
  lossPoints: LossPoint[];
  lossEma: Ema;
  epochPoints: EpochPoint[];
  /** Steps behind each epoch's train accuracy mean. */
  epochWeights: number[];
  latest: MetricsReport | null;
  evaluation: EvaluationReport | null;
  gallery: GalleryItem[];
  /** Class probabilities of the digit on the draw pad. */
  drawProbabilities: Float32Array | null;
  addMetrics: (report: MetricsReport) => void;
  addEvaluation: (report: EvaluationReport) => void;
  setGallery: (items: GalleryItem[]) => void;
  setDrawProbabilities: (p: Float32Array | null) => void;
  clearMetrics: () => void;
}

const empty = () => ({
  lossPoints: [] as LossPoint[],
  lossEma: { value: 0, count: 0 },
  epochPoints: [] as EpochPoint[],
  epochWeights: [] as number[],
  latest: null,
  evaluation: null,
  gallery: [] as GalleryItem[],
});

export const createMetricsSlice: StateCreator<AppState, [], [], MetricsSlice> = (set, get) => ({
  ...empty(),
  drawProbabilities: null,
  addMetrics: (report) => {
    const s = get();
    const steps = Math.max(1, report.step - (s.latest?.step ?? 0));
    const ema = Number.isFinite(report.trainLoss) ? updateEma(s.lossEma, report.trainLoss) : s.lossEma;
    const point: LossPoint = { step: report.step, loss: report.trainLoss, smoothed: debiased(ema) };
    const acc = addTrainAccuracy(s.epochPoints, s.epochWeights, report.epoch, report.trainAccuracy, steps);
    set({
      latest: report,
      lossEma: ema,
      lossPoints: appendDecimated(s.lossPoints, point),
      epochPoints: acc.epochs,
      epochWeights: acc.weights,
    });
  },
  addEvaluation: (report) =>
    set((s) => ({
      evaluation: report,
      epochPoints: setTestAccuracy(s.epochPoints, report.epoch, report.testAccuracy),
    })),
  setGallery: (gallery) => set({ gallery }),
  setDrawProbabilities: (drawProbabilities) => set({ drawProbabilities }),
  clearMetrics: () => set(empty()),
});
