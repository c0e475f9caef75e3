import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER } from '../network/hyper';
import { presetSpec } from '../network/presets';
import { checkMet, needsRead, type LessonView } from './checks';
import type { Check } from './schema';

const view = (patch: Partial<LessonView> = {}): LessonView => ({
  spec: presetSpec('lenet-5'),
  designErrors: 0,
  hyper: DEFAULT_HYPER,
  steps: 0,
  trainerState: 'idle',
  testAccuracy: null,
  widgets: {},
  read: false,
  generative: { mode: null, steps: 0 },
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
    expect(checkMet(gen, view({ generative: { mode: 'autoencoder', steps: 9 } }))).toBe(false);
    expect(checkMet(gen, view({ generative: { mode: 'gan', steps: 5 } }))).toBe(true);
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
