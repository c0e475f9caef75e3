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
  it('keeps the loss series and shows an epoch on the accuracy chart only once it is over', () => {
    const store = createAppStore();
    const s = store.getState;
    s().addMetrics(report(20, 0, 2, 0.5));
    s().addMetrics(report(40, 0, 1, 0.7));
    expect(s().lossPoints.map((p) => p.loss)).toEqual([2, 1]);
    expect(s().epochPoints).toEqual([]);
    const before = s().epochPoints;
    s().addMetrics(report(60, 0, 0.8, 0.9));
    expect(s().epochPoints).toBe(before);
    s().addEvaluation({ epoch: 1, step: 60, testLoss: 0.3, testAccuracy: 0.92, confusion: [] });
    expect(s().epochPoints).toHaveLength(1);
    expect(s().epochPoints[0]).toMatchObject({ epoch: 0, testAccuracy: 0.92 });
    expect(s().epochPoints[0].trainAccuracy).toBeCloseTo((0.5 + 0.7 + 0.9) / 3, 12);
    s().addMetrics(report(80, 1, 0.5, 0.95));
    s().addMetrics(report(100, 2, 0.4, 0.97));
    expect(s().epochPoints.map((p) => p.epoch)).toEqual([0, 1]);
    expect(s().epochPoints[1].trainAccuracy).toBeCloseTo(0.95, 12);
    s().clearMetrics();
    expect(s().lossPoints).toEqual([]);
    expect(s().running).toBeNull();
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
    const pick = ({
      latest,
      lossEma,
      lossPoints,
      running,
      epochPoints,
    }: ReturnType<typeof one.getState>) => ({
      latest,
      lossEma,
      lossPoints,
      running,
      epochPoints,
    });
    expect(pick(batch.getState())).toEqual(pick(one.getState()));
    expect(batch.getState().epochPoints).toHaveLength(1);
  });
});
