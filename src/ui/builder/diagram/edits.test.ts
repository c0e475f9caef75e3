import { describe, expect, it } from 'vitest';
import { analyzeSpec } from '../../../network/analyze';
import { presetSpec } from '../../../network/presets';
import { defaultLayer, emptySpec, type NetworkSpec } from '../../../network/spec';
import { connect, disconnect, insertOnEdge, inputsOf, type EditResult } from './edits';

const lenet = () => presetSpec('lenet-5');
const ok = (r: EditResult): NetworkSpec => {
  if (!r.ok) throw new Error(r.reason);
  return r.spec;
};
const ids = (spec: NetworkSpec) => spec.layers.map((l) => l.id);
const shapes = (spec: NetworkSpec) => {
  const analysis = analyzeSpec(spec);
  return (id: string) =>
    id === 'input' ? [...spec.input.shape] : (analysis.layers.find((l) => l.id === id)?.outputShape ?? null);
};
const readsOf = (spec: NetworkSpec, id: string) =>
  inputsOf(
    spec,
    spec.layers.findIndex((l) => l.id === id),
  );

describe('inserting on an edge', () => {
  it('puts the layer between the two, keeping a chain implicit', () => {
    const spec = ok(insertOnEdge(lenet(), 'Dropout', 'fc1', 'relu3', 0, 'drop'));
    expect(ids(spec).slice(7, 10)).toEqual(['fc1', 'drop', 'relu3']);
    expect(spec.layers.every((l) => l.inputs === undefined)).toBe(true);
    expect(analyzeSpec(spec).valid).toBe(true);
  });

  it('puts the layer on a skip edge, reading the skip source by name', () => {
    const resnet = presetSpec('resnet-mini');
    const spec = ok(insertOnEdge(resnet, 'Conv2d', 'pool1', 'block1_add', 1, 'proj'));
    const at = ids(spec).indexOf('proj');
    expect(ids(spec)[at + 1]).toBe('block1_add');
    expect(spec.layers[at].inputs).toEqual(['pool1']);
    expect(readsOf(spec, 'block1_add')).toEqual(['block1_bn2', 'proj']);
    // The other readers are untouched.
    expect(readsOf(spec, 'block1_conv1')).toEqual(['pool1']);
  });

  it('on the edge from the input, before the first layer', () => {
    const spec = ok(insertOnEdge(lenet(), 'BatchNorm2d', 'input', 'conv1', 0, 'bn'));
    expect(ids(spec).slice(0, 2)).toEqual(['bn', 'conv1']);
    expect(spec.layers[0].inputs).toBeUndefined();
    expect(analyzeSpec(spec).valid).toBe(true);
  });

  it('refuses an edge that is not there', () => {
    expect(insertOnEdge(lenet(), 'ReLU', 'conv1', 'pool1', 0)).toEqual({
      ok: false,
      reason: 'layer 3 (MaxPool2d) does not read layer 1 (Conv2d) there',
    });
  });
});

describe('connecting', () => {
  it('makes a residual Add in front of a one-input layer when the shapes agree', () => {
    const spec = lenet();
    const result = connect(spec, 'conv1', 'pool1', shapes(spec), 'skip');
    const next = ok(result);
    expect(result.ok && result.selected).toBe('skip');
    expect(ids(next).slice(0, 4)).toEqual(['conv1', 'relu1', 'skip', 'pool1']);
    expect(next.layers[2]).toMatchObject({ kind: 'Add', inputs: ['relu1', 'conv1'] });
    expect(next.layers[3].inputs).toBeUndefined();
    expect(analyzeSpec(next).valid).toBe(true);
  });

  it('stacks channels with a Concat where only the image sizes agree', () => {
    // The input (1×28×28) into relu1, which reads conv1 (6×28×28): the same size, other channels.
    const spec = lenet();
    const next = ok(connect(spec, 'input', 'relu1', shapes(spec), 'cat'));
    expect(next.layers[1]).toMatchObject({ kind: 'Concat', inputs: ['conv1', 'input'] });
    const analysis = analyzeSpec(next);
    expect(analysis.layers[1].outputShape).toEqual([7, 28, 28]);
  });

  it('gives a merging layer another input, and refuses one it has', () => {
    const resnet = presetSpec('resnet-mini');
    const next = ok(connect(resnet, 'relu1', 'block1_add', shapes(resnet)));
    expect(readsOf(next, 'block1_add')).toEqual(['block1_bn2', 'pool1', 'relu1']);
    expect(connect(resnet, 'pool1', 'block1_add', shapes(resnet))).toEqual({
      ok: false,
      reason: 'layer 10 (Add) already reads layer 4 (MaxPool2d)',
    });
  });

  it('refuses a loop, naming both layers', () => {
    const spec = lenet();
    expect(connect(spec, 'pool2', 'conv2', shapes(spec))).toEqual({
      ok: false,
      reason: 'layer 6 (MaxPool2d) already depends on layer 4 (Conv2d): connecting them would make a loop',
    });
    expect(connect(spec, 'relu1', 'relu1', shapes(spec)).ok).toBe(false);
  });

  it('moves a later, independent layer before the one that now reads it', () => {
    // Two branches from the input, the second listed after the merge that should read it.
    const spec: NetworkSpec = {
      ...emptySpec(),
      layers: [
        defaultLayer('Conv2d', 'a'),
        { ...defaultLayer('Add', 'sum'), inputs: ['a'] },
        defaultLayer('Flatten', 'flat'),
        { ...defaultLayer('Conv2d', 'b'), inputs: ['input'] },
      ],
    };
    const next = ok(connect(spec, 'b', 'sum', shapes(spec)));
    expect(ids(next)).toEqual(['a', 'b', 'sum', 'flat']);
    expect(readsOf(next, 'sum')).toEqual(['a', 'b']);
    expect(readsOf(next, 'flat')).toEqual(['sum']);
  });
});

describe('disconnecting', () => {
  it("removes a merging layer's input but never a layer's only input", () => {
    const resnet = presetSpec('resnet-mini');
    const next = ok(disconnect(resnet, 'block1_add', 1));
    expect(readsOf(next, 'block1_add')).toEqual(['block1_bn2']);
    expect(disconnect(next, 'block1_add', 0).ok).toBe(false);
    expect(disconnect(lenet(), 'relu1', 0)).toEqual({
      ok: false,
      reason: 'layer 2 (ReLU) needs the input it reads: connect another output to it, or delete the layer',
    });
  });
});
