import { describe, expect, it } from 'vitest';
import { PRESETS, presetSpec } from '../../network/presets';
import type { NetworkSpec } from '../../network/spec';
import { presetOf } from './preset-of';

/** The same object with its keys in reverse order, as a file written by other code may hold them. */
const reversed = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).reverse()) as T;

describe('presetOf', () => {
  it('names each preset, whatever the design is called, its dataset or its keys order', () => {
    for (const preset of PRESETS) {
      const spec = presetSpec(preset.id);
      const read: NetworkSpec = reversed({
        ...spec,
        name: 'Mine',
        input: reversed({ ...spec.input, dataset: 'fashion-mnist' }),
        layers: spec.layers.map(reversed),
      });
      expect(presetOf(read)).toBe(preset.id);
      // Nodes moved on the diagram leave the network what it was.
      expect(presetOf({ ...spec, layout: { input: { x: 10, y: 20 } } })).toBe(preset.id);
    }
  });

  it('names none for a changed design', () => {
    const spec = presetSpec('lenet-5');
    expect(presetOf({ ...spec, layers: spec.layers.slice(0, -1) })).toBeNull();
    const wider = spec.layers.map((l) =>
      l.kind === 'Linear' && l.id === 'fc1' ? { ...l, out_features: 100 } : l,
    );
    expect(presetOf({ ...spec, layers: wider })).toBeNull();
  });
});
