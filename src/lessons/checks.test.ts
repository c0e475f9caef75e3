import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER } from '../network/hyper';
import { presetSpec } from '../network/presets';
import { accuracyGap, checkMet, needsRead, type LessonView } from './checks';
import type { Check } from './schema';

const view = (patch: Partial<LessonView> = {}): LessonView => ({
  spec: presetSpec('lenet-5'),
  designErrors: 0,
  hyper: DEFAULT_HYPER,
  steps: 0,
  trainerState: 'idle',
  testAccuracy: null,
  trainAccuracy: null,
  widgets: {},
  read: false,
  generative: { mode: null, steps: 0, score: null },
  dense: { task: null, steps: 0 },
  ...patch,
});

describe('lesson checks', () => {
  it('observe each kind of state, met only when the app is in it', () => {
    const widget = { kind: 'widget', widget: 'kernel', field: 'outSize', equals: 14 } as const;
    expect(checkMet(widget, view())).toBe(false);
    expect(checkMet(widget, view({ widgets: { kernel: { outSize: 14 } } }))).toBe(true);
    expect(checkMet(widget, view({ widgets: { pool: { outSize: 14 } } }))).toBe(false);

    const param = { kind: 'layerParam', layer: 'pool1', param: 'kernel_size', equals: 4 } as const;
    expect(checkMet(param, view())).toBe(false);
    const spec = presetSpec('lenet-5');
    (spec.layers[2] as { kernel_size: number }).kernel_size = 4;
    expect(checkMet(param, view({ spec }))).toBe(true);

    expect(checkMet({ kind: 'layerKind', layerKind: 'Dropout', atLeast: 1 }, view())).toBe(false);
    expect(checkMet({ kind: 'layerKind', layerKind: 'Conv2d', atLeast: 2 }, view())).toBe(true);
    expect(checkMet({ kind: 'designErrors', present: true }, view())).toBe(false);
    expect(checkMet({ kind: 'designErrors', present: false }, view({ designErrors: 2 }))).toBe(false);
    expect(checkMet({ kind: 'steps', atLeast: 30 }, view({ steps: 29 }))).toBe(false);
    expect(checkMet({ kind: 'steps', atLeast: 30 }, view({ steps: 30 }))).toBe(true);
    expect(checkMet({ kind: 'testAccuracy', atLeast: 0.7 }, view({ testAccuracy: 0.69 }))).toBe(false);
    expect(checkMet({ kind: 'testAccuracy', atLeast: 0 }, view())).toBe(false);
    expect(checkMet({ kind: 'trainer', state: 'diverged' }, view({ trainerState: 'diverged' }))).toBe(true);
    const lr = { kind: 'hyper', field: 'lr', atLeast: 0.001, atMost: 0.01 } as const;
    expect(checkMet(lr, view({ hyper: { ...DEFAULT_HYPER, lr: 0.003 } }))).toBe(true);
    expect(checkMet(lr, view({ hyper: { ...DEFAULT_HYPER, lr: 0.03 } }))).toBe(false);
    const gen = { kind: 'generative', mode: 'gan', stepsAtLeast: 5 } as const;
    expect(checkMet(gen, view({ generative: { mode: 'autoencoder', steps: 9, score: null } }))).toBe(false);
    expect(checkMet(gen, view({ generative: { mode: 'gan', steps: 5, score: null } }))).toBe(true);
  });

  it("the judge's digit score counts for its own mode, once it has scored", () => {
    const judged = { kind: 'digitScore', mode: 'gan', atLeast: 3 } as const;
    expect(checkMet(judged, view({ generative: { mode: 'gan', steps: 40, score: null } }))).toBe(false);
    expect(checkMet(judged, view({ generative: { mode: 'gan', steps: 0, score: 2.9 } }))).toBe(false);
    expect(checkMet(judged, view({ generative: { mode: 'gan', steps: 0, score: 3 } }))).toBe(true);
    expect(checkMet(judged, view({ generative: { mode: 'autoencoder', steps: 0, score: 5 } }))).toBe(false);
    const any = { kind: 'digitScore', mode: 'gan', atLeast: 0 } as const;
    expect(checkMet(any, view({ generative: { mode: 'gan', steps: 30, score: 1.02 } }))).toBe(true);
  });

  it('the train/test gap is in points, and only once both accuracies are measured', () => {
    expect(accuracyGap(view({ trainAccuracy: 0.95 }))).toBeNull();
    expect(accuracyGap(view({ trainAccuracy: 0.95, testAccuracy: 0.9 }))).toBeCloseTo(5, 12);
    const measured = { kind: 'accuracyGap' } as const;
    expect(checkMet(measured, view({ testAccuracy: 0.9 }))).toBe(false);
    expect(checkMet(measured, view({ trainAccuracy: 0.8, testAccuracy: 0.9 }))).toBe(true);
    const wide = { kind: 'accuracyGap', atLeast: 4 } as const;
    expect(checkMet(wide, view({ trainAccuracy: 0.93, testAccuracy: 0.9 }))).toBe(false);
    expect(checkMet(wide, view({ trainAccuracy: 0.95, testAccuracy: 0.9 }))).toBe(true);
    const narrow = { kind: 'accuracyGap', atMost: 1 } as const;
    expect(checkMet(narrow, view({ trainAccuracy: 0.95, testAccuracy: 0.9 }))).toBe(false);
  });

  it('segmentation and detection count their own steps', () => {
    const seg = { kind: 'dense', task: 'segmentation', stepsAtLeast: 20 } as const;
    expect(checkMet(seg, view({ dense: { task: 'segmentation', steps: 19 } }))).toBe(false);
    expect(checkMet(seg, view({ dense: { task: 'segmentation', steps: 20 } }))).toBe(true);
    expect(checkMet(seg, view({ dense: { task: 'detection', steps: 50 } }))).toBe(false);
  });

  it('"all" needs every part, and a read check waits for Done', () => {
    const both: Check = {
      kind: 'all',
      checks: [{ kind: 'designErrors', present: true }, { kind: 'read' }],
    };
    expect(needsRead(both)).toBe(true);
    expect(needsRead({ kind: 'steps', atLeast: 1 })).toBe(false);
    expect(checkMet(both, view({ designErrors: 1 }))).toBe(false);
    expect(checkMet(both, view({ designErrors: 1, read: true }))).toBe(true);
    expect(checkMet(both, view({ read: true }))).toBe(false);
  });
});
