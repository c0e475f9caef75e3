// What training has measured: the train and test curves, the latest evaluation and predictions.
import type { StateCreator } from 'zustand';
import type { GalleryItem } from '../../training/protocol';
import { appendDecimated, debiased, updateEma, type TestPoint, type TrainPoint } from './series';
import type { MetricsSlice } from './metrics-types';
export type { MetricsSlice } from './metrics-types';
import type { AppState } from './app-state';

const empty = () => ({
  trainPoints: [] as TrainPoint[],
  lossEma: { value: 0, count: 0 },
  accuracyEma: { value: 0, count: 0 },
  testPoints: [] as TestPoint[],
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
    let { latest, lossEma, accuracyEma, trainPoints } = get();
    for (const report of reports) {
      if (Number.isFinite(report.trainLoss)) lossEma = updateEma(lossEma, report.trainLoss);
      accuracyEma = updateEma(accuracyEma, report.trainAccuracy);
      trainPoints = appendDecimated(trainPoints, {
        step: report.step,
        loss: report.trainLoss,
        smoothed: debiased(lossEma),
        accuracy: report.trainAccuracy,
        smoothedAccuracy: debiased(accuracyEma),
      });
      latest = report;
    }
    set({ latest, lossEma, accuracyEma, trainPoints });
  },
  setProgress: (progress) => set({ progress }),
  addTestSample: (report) =>
    set((s) => ({
      testPoints: appendDecimated(s.testPoints, {
        step: report.step,
        loss: report.testLoss,
        accuracy: report.testAccuracy,
        images: report.images,
        full: false,
      }),
    })),
  // The confusion matrix counts every image evaluated.
  addEvaluation: (report) =>
    set((s) => ({
      evaluation: report,
      testPoints: appendDecimated(s.testPoints, {
        step: report.step,
        loss: report.testLoss,
        accuracy: report.testAccuracy,
        images: report.confusion.reduce((a, b) => a + b, 0),
        full: true,
      }),
    })),
  setGallery: (gallery) => set({ gallery }),
  setDrawProbabilities: (drawProbabilities) => set({ drawProbabilities }),
  clearMetrics: () => set(empty()),
});
