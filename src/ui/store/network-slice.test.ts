import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { counterIdSource, defaultLayer, emptySpec, setLayerIdSource } from '../../network/spec';
import { hasUnsavedEdits } from './network-slice';
import { createAppStore } from './store';

describe('network slice', () => {
  beforeEach(() => setLayerIdSource(counterIdSource('n')));
  afterEach(() => {
    setLayerIdSource(null);
    vi.useRealTimers();
  });

  it('makes every edit undoable and redoable', () => {
    const store = createAppStore();
    const s = store.getState;
    s().insertLayer('Conv2d', 0);
    s().insertLayer('ReLU', 1);
    s().duplicateLayer('n1');
    s().moveLayer(2, 0);
    s().removeLayer('n2');
    expect(s().spec.layers.map((l) => l.id)).toEqual(['n1', 'n3']);
    for (let i = 0; i < 5; i++) s().undo();
    expect(s().spec.layers).toEqual([]);
    s().undo();
    expect(s().spec.layers).toEqual([]);
    for (let i = 0; i < 5; i++) s().redo();
    expect(s().spec.layers.map((l) => l.id)).toEqual(['n1', 'n3']);
  });

  it('selects an inserted layer and clears the selection when it is removed', () => {
    const store = createAppStore();
    store.getState().insertLayer('Linear', 0);
    expect(store.getState().selectedLayerId).toBe('n1');
    store.getState().removeLayer('n1');
    expect(store.getState().selectedLayerId).toBeNull();
  });

  it('merges quick edits of one field into one undo step, but not slow ones or other fields', () => {
    vi.useFakeTimers();
    const store = createAppStore();
    const s = store.getState;
    s().insertLayer('Linear', 0);
    s().setLayerParam('n1', 'out_features', 1);
    s().setLayerParam('n1', 'out_features', 12);
    s().setLayerParam('n1', 'out_features', 120);
    s().setLayerParam('n1', 'bias', false);
    vi.advanceTimersByTime(2000);
    s().setLayerParam('n1', 'bias', true);
    s().undo();
    expect(s().spec.layers[0]).toMatchObject({ out_features: 120, bias: false });
    s().undo();
    expect(s().spec.layers[0]).toMatchObject({ out_features: 120, bias: true });
    s().undo();
    expect(s().spec.layers[0]).toMatchObject({ out_features: 10 });
  });

  it('tracks unsaved edits against the last loaded design', () => {
    const store = createAppStore();
    const loaded = { ...emptySpec(), name: 'Loaded', layers: [defaultLayer('Flatten', 'f')] };
    store.getState().loadSpec(loaded);
    expect(hasUnsavedEdits(store.getState())).toBe(false);
    store.getState().insertLayer('Linear', 1);
    expect(hasUnsavedEdits(store.getState())).toBe(true);
    store.getState().undo();
    expect(hasUnsavedEdits(store.getState())).toBe(false);
  });
});
