// The state and actions of the store's metrics slice, as types: they import no slice or store, so the
// store composes the slices without an import cycle.
import type {
  EvaluationReport,
  GalleryItem,
  MetricsReport,
  ProgressReport,
  TestSampleReport,
} from '../../training/protocol';
import { type Ema, type TestPoint, type TrainPoint } from './series';

export interface MetricsSlice {
  /** One point per metrics report: train loss and accuracy, raw and smoothed. */
  trainPoints: TrainPoint[];
  lossEma: Ema;
  accuracyEma: Ema;
  /** The test sample while training and each full evaluation, in arrival order. */
  testPoints: TestPoint[];
  latest: MetricsReport | null;
  /** The step count and epoch as training goes, between metrics reports. */
  progress: ProgressReport | null;
  /** The last full evaluation (its confusion matrix). */
  evaluation: EvaluationReport | null;
  gallery: GalleryItem[];
  /** Class probabilities of the digit on the draw pad. */
  drawProbabilities: Float32Array | null;
  addMetrics: (report: MetricsReport) => void;
  addMetricsBatch: (reports: readonly MetricsReport[]) => void;
  setProgress: (progress: ProgressReport) => void;
  addTestSample: (report: TestSampleReport) => void;
  addEvaluation: (report: EvaluationReport) => void;
  setGallery: (items: GalleryItem[]) => void;
  setDrawProbabilities: (p: Float32Array | null) => void;
  clearMetrics: () => void;
}
