// The formats' valibot schemas: types inferred from them, every parameter of every layer kind checked
// through its definition's rule, unknown fields refused before anything else, and fresh objects out.
import * as v from 'valibot';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { definitionOf, type Layer } from '../layers';
import { HyperparamsSchema, type Hyperparams } from './hyper';
import { presetSpec } from './presets';
import { ProjectManifestSchema, type ProjectManifest } from './project/manifest';
import { validateSpecValue } from './schema';
import { canonicalSpec } from './serialize';
import { ShareStateSchema, type ShareState } from './share';
import { LAYER_KINDS, defaultLayer, type NetworkSpec } from './spec';
import { NetworkSpecSchema } from './spec-schema';

describe('the format schemas', () => {
  it('are where the types come from', () => {
    expectTypeOf<NetworkSpec>().toEqualTypeOf<v.InferOutput<typeof NetworkSpecSchema>>();
    expectTypeOf<NetworkSpec['layers']>().toEqualTypeOf<Layer[]>();
    expectTypeOf<NetworkSpec['input']['shape']>().toEqualTypeOf<[number, number, number] | [number]>();
    expectTypeOf<Hyperparams>().toEqualTypeOf<v.InferOutput<typeof HyperparamsSchema>>();
    expectTypeOf<Hyperparams['optimizer']>().toEqualTypeOf<'sgd' | 'adam' | 'adamw'>();
    expectTypeOf<ShareState>().toEqualTypeOf<v.InferOutput<typeof ShareStateSchema>>();
    expectTypeOf<ProjectManifest>().toEqualTypeOf<v.InferOutput<typeof ProjectManifestSchema>>();
  });

  it('check every parameter of every kind by its rule, naming the layer and the parameter', () => {
    for (const kind of LAYER_KINDS) {
      for (const param of Object.keys(definitionOf(kind).params)) {
        const spec = canonicalSpec(presetSpec('lenet-5')) as unknown as { layers: object[] };
        spec.layers = [{ ...defaultLayer(kind, 'x'), [param]: { not: 'a value' } }];
        const read = validateSpecValue(spec);
        expect(read.ok).toBe(false);
        if (!read.ok)
          expect(read.error).toMatch(new RegExp(`^layer 1 \\(${kind}\\): ${param}(\\[0\\])? must be `));
      }
    }
  });

  it('refuse an unknown field before a wrong one, naming it', () => {
    const spec = { ...canonicalSpec(presetSpec('lenet-5')), task: 'painting', colour: 'red' };
    expect(validateSpecValue(spec)).toEqual({ ok: false, error: 'the spec has an unknown field "colour"' });
    const layers = [{ ...defaultLayer('Linear', 'fc'), out_features: 'ten', inplace: true }];
    expect(validateSpecValue({ ...canonicalSpec(presetSpec('lenet-5')), layers })).toEqual({
      ok: false,
      error: 'layer 1 (Linear) has an unknown field "inplace"',
    });
  });

  it('build fresh objects: nothing read is kept by reference', () => {
    const raw = canonicalSpec(presetSpec('resnet-mini'));
    const read = validateSpecValue(raw);
    if (!read.ok) throw new Error(read.error);
    expect(read.value).toEqual(raw);
    expect(read.value.input).not.toBe(raw.input);
    expect(read.value.input.shape).not.toBe(raw.input.shape);
    read.value.layers.forEach((layer, i) => {
      expect(layer).not.toBe(raw.layers[i]);
      if (layer.inputs) expect(layer.inputs).not.toBe(raw.layers[i].inputs);
    });
  });
});
