import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  counterIdSource,
  defaultLayer,
  emptySpec,
  setLayerIdSource,
  type NetworkSpec,
} from '../../network/spec';
import { duplicateLayer, insertLayer, moveLayer, removeLayer, setLayerParam } from './spec-edits';
import { emptyHistory, record, redo, undo, HISTORY_LIMIT } from './history';

const kinds = (spec: NetworkSpec) => spec.layers.map((l) => l.kind);

describe('spec edits', () => {
  beforeEach(() => setLayerIdSource(counterIdSource('t')));
  afterEach(() => setLayerIdSource(null));

  const base = (): NetworkSpec => ({
    ...emptySpec(),
    layers: [defaultLayer('Conv2d', 'a'), defaultLayer('ReLU', 'b'), defaultLayer('Flatten', 'c')],
  });

  it('inserts at the drop index, clamped to the ends', () => {
    expect(kinds(insertLayer(base(), 'MaxPool2d', 1))).toEqual(['Conv2d', 'MaxPool2d', 'ReLU', 'Flatten']);
    expect(kinds(insertLayer(base(), 'Linear', 99)).at(-1)).toBe('Linear');
    expect(kinds(insertLayer(base(), 'Tanh', -5))[0]).toBe('Tanh');
  });

  it('moves a layer and leaves the input untouched', () => {
    const spec = base();
    const moved = moveLayer(spec, 0, 2);
    expect(moved.layers.map((l) => l.id)).toEqual(['b', 'c', 'a']);
    expect(spec.layers.map((l) => l.id)).toEqual(['a', 'b', 'c']);
    expect(moveLayer(spec, 1, 1)).toBe(spec);
  });

  it('removes by id and duplicates with a fresh id right after', () => {
    expect(removeLayer(base(), 'b').layers.map((l) => l.id)).toEqual(['a', 'c']);
    const dup = duplicateLayer(setLayerParam(base(), 'a', 'out_channels', 6), 'a');
    expect(dup.layers.map((l) => l.id)).toEqual(['a', 't1', 'b', 'c']);
    expect(dup.layers[1]).toMatchObject({ kind: 'Conv2d', out_channels: 6 });
  });

  it('sets only parameters the layer has', () => {
    const spec = base();
    expect(setLayerParam(spec, 'a', 'kernel_size', 5).layers[0]).toMatchObject({ kernel_size: 5 });
    expect(setLayerParam(spec, 'a', 'p', 0.2).layers[0]).not.toHaveProperty('p');
    expect(setLayerParam(spec, 'a', 'kind', 3).layers[0].kind).toBe('Conv2d');
  });
});

describe('history', () => {
  const spec = (name: string): NetworkSpec => ({ ...emptySpec(), name });

  it('undoes and redoes in order; a new edit clears redo', () => {
    let h = record(emptyHistory(), spec('a'));
    h = record(h, spec('b'));
    const u1 = undo(h, spec('c'));
    expect(u1?.spec.name).toBe('b');
    const u2 = undo(u1!.history, u1!.spec);
    expect(u2?.spec.name).toBe('a');
    expect(undo(u2!.history, u2!.spec)).toBeNull();
    const r1 = redo(u2!.history, u2!.spec);
    expect(r1?.spec.name).toBe('b');
    expect(record(r1!.history, r1!.spec).future).toEqual([]);
  });

  it('keeps at most HISTORY_LIMIT entries', () => {
    let h = emptyHistory();
    for (let i = 0; i < HISTORY_LIMIT + 10; i++) h = record(h, spec(String(i)));
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0].name).toBe('10');
  });
});
