// What opening a step does to the design, as a pure function: a preset, then the lesson's edits (the
// tutorial's bugs, for instance), then autoWire. The page applies the result through its store.
import { SCENE_LIMITS } from '../network/dense';
import { presetSpec, type PresetId } from '../network/presets';
import type { NetworkSpec } from '../network/spec';
import type { Setup } from './schema';

/** The discriminator that trains beside each GAN generator preset. */
const GAN_PARTNERS: Partial<Record<NonNullable<Setup['preset']>, PresetId>> = {
  'dcgan-generator': 'dcgan-discriminator',
  'cgan-generator': 'cgan-discriminator',
};

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
  const side = setup.sceneSide;
  if (side !== undefined) {
    if (!spec.scene) throw new Error(`${setup.preset} does not train on scenes, so it has no scene side`);
    // The digits shrink with the scene, so they still fit and fill it the same way.
    const was = spec.input.shape[1] ?? side;
    const scale = (x: number) => Math.max(SCENE_LIMITS.minScale, Math.round((x * side) / was));
    spec.scene = {
      ...spec.scene,
      minScale: scale(spec.scene.minScale),
      maxScale: scale(spec.scene.maxScale),
    };
    spec.input = { ...spec.input, shape: [1, side, side] };
  }
  for (const edit of setup.edits ?? []) {
    const layer = spec.layers.find((l) => l.id === edit.layer);
    if (!layer)
      throw new Error(`the lesson edits a layer "${edit.layer}" that ${setup.preset} does not have`);
    if (!(edit.param in layer)) throw new Error(`${edit.layer} has no parameter "${edit.param}"`);
    (layer as unknown as Record<string, unknown>)[edit.param] = edit.value;
  }
  const discriminator = GAN_PARTNERS[setup.preset];
  return discriminator ? { spec, discriminator: presetSpec(discriminator) } : { spec };
}
