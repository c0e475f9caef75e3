// What opening a step does to the design, as a pure function: a preset, then the lesson's edits (the
// tutorial's bugs, for instance), then autoWire. The page applies the result through its store.
import { presetSpec } from '../network/presets';
import type { NetworkSpec } from '../network/spec';
import type { Setup } from './schema';

export interface SetupDesign {
  spec: NetworkSpec;
  /** A GAN's discriminator, when the preset is its generator. */
  discriminator?: NetworkSpec;
}

/** The design a setup asks for, or null when it leaves the design alone. Throws when an edit names no layer. */
export function setupDesign(setup: Setup): SetupDesign | null {
  if (!setup.preset) return null;
  const spec = presetSpec(setup.preset);
  if (setup.autoWire !== undefined) spec.autoWire = setup.autoWire;
  for (const edit of setup.edits ?? []) {
    const layer = spec.layers.find((l) => l.id === edit.layer);
    if (!layer)
      throw new Error(`the lesson edits a layer "${edit.layer}" that ${setup.preset} does not have`);
    if (!(edit.param in layer)) throw new Error(`${edit.layer} has no parameter "${edit.param}"`);
    (layer as unknown as Record<string, unknown>)[edit.param] = edit.value;
  }
  return setup.preset === 'dcgan-generator'
    ? { spec, discriminator: presetSpec('dcgan-discriminator') }
    : { spec };
}
