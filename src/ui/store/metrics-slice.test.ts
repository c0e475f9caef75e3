import { describe, expect, it } from 'vitest';
import type { MetricsReport } from '../../training/protocol';
import { createAppStore } from './store';

const report = (step: number, epoch: number, trainLoss: number, trainAccuracy: number): MetricsReport => ({
  step,
  epoch,
  epochProgress: 0.5,
  trainLoss,
  trainAccuracy,
  imagesPerSecond: 100,
  stepMs: 5,
});

describe('metrics slice', () => {
  it('keeps the train curves per report and the test curve from samples and full evaluations', () => {
    const store = createAppStore();
    const s = store.getState;
    s().addMetrics(report(20, 0, 2, 0.5));
    s().addMetrics(report(40, 0, 1, 0.7));
    expect(s().trainPoints.map((p) => [p.step, p.loss, p.accuracy])).toEqual([
      [20, 2, 0.5],
      [40, 1, 0.7],
    ]);
    // The moving averages start at the first value (debiased) and follow the reports.
    expect(s().trainPoints[0].smoothedAccuracy).toBeCloseTo(0.5, 12);
    expect(s().trainPoints[1].smoothedAccuracy).toBeGreaterThan(0.5);
    expect(s().trainPoints[1].smoothedAccuracy).toBeLessThan(0.7);
    s().addTestSample({
      step: 30,
      epoch: 0,
      epochProgress: 0.1,
      testLoss: 1.5,
      testAccuracy: 0.6,
      images: 512,
    });
    const confusion = new Array<number>(100).fill(0);
    confusion[0] = 9_000;
    confusion[1] = 1_000;
    s().addEvaluation({ epoch: 1, step: 60, testLoss: 0.3, testAccuracy: 0.92, confusion });
    expect(s().testPoints).toEqual([
      { step: 30, loss: 1.5, accuracy: 0.6, images: 512, full: false },
      { step: 60, loss: 0.3, accuracy: 0.92, images: 10_000, full: true },
    ]);
    expect(s().evaluation?.testAccuracy).toBe(0.92);
    s().clearMetrics();
    expect(s().trainPoints).toEqual([]);
    expect(s().testPoints).toEqual([]);
    expect(s().evaluation).toBeNull();
  });

  it('a batch of reports gives the same state as the reports one by one, in one store update', () => {
    const reports = [
      report(20, 0, 2, 0.5),
      report(40, 0, 1, 0.7),
      report(60, 1, 0.8, 0.9),
      report(80, 1, 0.6, 0.9),
    ];
    const one = createAppStore();
    for (const r of reports) one.getState().addMetrics(r);
    const batch = createAppStore();
    let updates = 0;
    batch.subscribe(() => updates++);
    batch.getState().addMetricsBatch(reports);
    expect(updates).toBe(1);
    const pick = ({ latest, lossEma, accuracyEma, trainPoints }: ReturnType<typeof one.getState>) => ({
      latest,
      lossEma,
      accuracyEma,
      trainPoints,
    });
    expect(pick(batch.getState())).toEqual(pick(one.getState()));
    expect(batch.getState().trainPoints).toHaveLength(4);
  });
});
