import { describe, expect, it } from 'vitest';
import { getPreset, presetSpec } from '../../network/presets';
import { designLr, isConditionalPair } from './design-lr';

describe('the Generate panel’s starting learning rate', () => {
  const cgan = { g: presetSpec('cgan-generator'), d: presetSpec('cgan-discriminator') };
  const dcgan = { g: presetSpec('dcgan-generator'), d: presetSpec('dcgan-discriminator') };

  it('tells a conditional pair with either network in the builder, an edited one included', () => {
    expect(isConditionalPair(cgan.g, cgan.d)).toBe(true);
    expect(isConditionalPair(cgan.d, cgan.g)).toBe(true);
    const edited = { ...cgan.g, layers: cgan.g.layers.slice(0, -1) };
    expect(isConditionalPair(edited, cgan.d)).toBe(true);
    expect(isConditionalPair(dcgan.g, dcgan.d)).toBe(false);
    expect(isConditionalPair(dcgan.d, dcgan.g)).toBe(false);
    // The discriminator alone (its partner not loaded yet) already says which pair it belongs to.
    expect(isConditionalPair(cgan.d, null)).toBe(true);
  });

  it('is each family’s own preset rate: the conditional DCGAN’s, the DCGAN’s, the autoencoders’ 3e-3', () => {
    expect(designLr('gan', true)).toBe(1e-3);
    expect(designLr('gan', true)).toBe(getPreset('cgan-generator')!.hyper.lr);
    expect(designLr('gan', false)).toBe(getPreset('dcgan-generator')!.hyper.lr);
    expect(designLr('autoencoder', false)).toBe(3e-3);
    expect(designLr(null, false)).toBe(3e-3);
  });
});
