import { afterEach, describe, expect, it } from 'vitest';
import { LAYER_GROUPS, PARAM_DOCS, describeKind } from './docs';
import { applyFix } from './issues';
import { PARAM_RULES } from './params';
import {
  LAYER_KINDS,
  paramNames,
  counterIdSource,
  defaultLayer,
  emptySpec,
  formatShape,
  newLayerId,
  setLayerIdSource,
} from './spec';
import { L, net } from './testing/build';

afterEach(() => setLayerIdSource(null));

describe('layers', () => {
  it("default layers carry PyTorch's defaults", () => {
    expect(defaultLayer('Conv2d', 'a')).toEqual({
      kind: 'Conv2d',
      id: 'a',
      in_channels: 1,
      out_channels: 8,
      kernel_size: 3,
      stride: 1,
      padding: 0,
      dilation: 1,
      groups: 1,
      bias: true,
    });
    expect(defaultLayer('ConvTranspose2d', 'a')).toMatchObject({
      stride: 1,
      padding: 0,
      output_padding: 0,
      dilation: 1,
      bias: true,
    });
    expect(defaultLayer('MaxPool2d', 'a')).toMatchObject({
      kernel_size: 2,
      stride: 2,
      padding: 0,
      dilation: 1,
      ceil_mode: false,
    });
    expect(defaultLayer('AvgPool2d', 'a')).toMatchObject({
      kernel_size: 2,
      stride: 2,
      padding: 0,
      ceil_mode: false,
      count_include_pad: true,
    });
    expect(defaultLayer('Linear', 'a')).toMatchObject({ bias: true });
    expect(defaultLayer('LeakyReLU', 'a')).toMatchObject({ negative_slope: 0.01 });
    expect(defaultLayer('BatchNorm2d', 'a')).toMatchObject({ eps: 1e-5, momentum: 0.1 });
    expect(defaultLayer('Dropout', 'a')).toMatchObject({ p: 0.5 });
  });

  it('every kind has exactly its PARAM_ORDER fields, a range rule for each, and fresh arrays', () => {
    for (const kind of LAYER_KINDS) {
      const layer = defaultLayer(kind, 'x');
      expect(Object.keys(layer).sort()).toEqual(['kind', 'id', ...paramNames(kind)].sort());
      expect(Object.keys(PARAM_RULES[kind]).sort()).toEqual(paramNames(kind).sort());
    }
    const a = defaultLayer('Unflatten', 'a');
    const b = defaultLayer('Unflatten', 'b');
    a.unflattened_size[0] = 5;
    expect(b.unflattened_size).toEqual([1, 28, 28]);
  });

  it('ids come from an injectable source; the default gives distinct ids', () => {
    setLayerIdSource(counterIdSource('n'));
    expect([newLayerId(), newLayerId(), defaultLayer('ReLU').id]).toEqual(['n1', 'n2', 'n3']);
    setLayerIdSource(null);
    const ids = new Set(Array.from({ length: 200 }, newLayerId));
    expect(ids.size).toBe(200);
  });

  it('empty specs: images for most tasks, a noise vector for a generator', () => {
    expect(emptySpec('classification').input).toEqual({ dataset: 'mnist', shape: [1, 28, 28] });
    const g = emptySpec('generator', 'fashion-mnist');
    expect(g.input).toEqual({ dataset: 'fashion-mnist', shape: [32] });
    expect(g.latentDim).toBe(32);
    expect(formatShape([6, 14, 14])).toBe('6×14×14');
  });
});

describe('words for the builder', () => {
  it('PARAM_DOCS explains every parameter of every kind in one line', () => {
    for (const kind of LAYER_KINDS) {
      const docs = PARAM_DOCS[kind] as Record<string, string>;
      expect(Object.keys(docs).sort()).toEqual(paramNames(kind).sort());
      for (const text of Object.values(docs)) expect(text).toMatch(/^[A-Z].{10,140}\.$/);
    }
  });

  it('LAYER_GROUPS lists every kind exactly once, in the palette groups', () => {
    expect(LAYER_GROUPS.map((g) => g.id)).toEqual([
      'convolution',
      'pooling',
      'dense',
      'activation',
      'normalisation',
      'merge',
      'reshape',
    ]);
    const kinds = LAYER_GROUPS.flatMap((g) => g.kinds.map((k) => k.kind));
    expect([...kinds].sort()).toEqual([...LAYER_KINDS].sort());
    for (const kind of LAYER_KINDS) expect(describeKind(kind)).toMatch(/^[A-Z].+\.$/);
  });
});

describe('applyFix', () => {
  it('inserts (clamping the index), sets and removes without touching the input', () => {
    const spec = net([L('Flatten'), L('Linear')]);
    const relu = L('ReLU');
    expect(
      applyFix(spec, { label: 'x', action: { type: 'insert', index: 99, layer: relu } }).layers.at(-1),
    ).toBe(relu);
    const set = applyFix(spec, {
      label: 'x',
      action: { type: 'set', layerId: spec.layers[1].id, param: 'out_features', value: 3 },
    });
    expect(set.layers[1]).toMatchObject({ out_features: 3 });
    expect(
      applyFix(spec, { label: 'x', action: { type: 'remove', layerId: spec.layers[0].id } }).layers,
    ).toEqual([spec.layers[1]]);
    expect(
      applyFix(spec, { label: 'x', action: { type: 'set', layerId: 'missing', param: 'p', value: 1 } }),
    ).toEqual(spec);
    // A parameter the layer does not have is not invented.
    expect(
      applyFix(spec, {
        label: 'x',
        action: { type: 'set', layerId: spec.layers[0].id, param: 'p', value: 1 },
      }).layers[0],
    ).toEqual(spec.layers[0]);
    expect(spec.layers[1]).toMatchObject({ out_features: 10 });
  });
});
