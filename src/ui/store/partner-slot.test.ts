import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { presetSpec } from '../../network/presets';
import { counterIdSource, setLayerIdSource } from '../../network/spec';
import { DCGAN_HYPER } from '../../network/hyper';
import { decodeAutosave, encodeAutosave } from '../persistence/autosave';
import { savedDesign } from './network-slice';
import { createAppStore } from './store';

describe('the GAN partner slot', () => {
  beforeEach(() => setLayerIdSource(counterIdSource('p')));
  afterEach(() => setLayerIdSource(null));

  it('swaps generator and discriminator, each with its own undo history', () => {
    const store = createAppStore();
    const s = store.getState;
    s().loadGan(presetSpec('dcgan-generator'), presetSpec('dcgan-discriminator'));
    const generatorLayers = s().spec.layers.length;
    s().insertLayer('ReLU', 0);
    s().swapPartner();
    expect(s().spec.task).toBe('discriminator');
    expect(s().partner?.spec.layers.length).toBe(generatorLayers + 1);
    // Undo in the discriminator tab has nothing of the generator's to undo: the discriminator stays.
    s().undo();
    expect(s().spec.task).toBe('discriminator');
    s().removeLayer(s().spec.layers[0].id);
    const edited = s().spec;
    s().swapPartner();
    expect(s().spec.task).toBe('generator');
    s().undo();
    expect(s().spec.layers.length).toBe(generatorLayers);
    expect(s().partner?.spec).toBe(edited);
    s().swapPartner();
    s().undo();
    expect(s().spec).toEqual(presetSpec('dcgan-discriminator'));
  });

  it('saves a GAN as generator plus discriminator whichever tab is open, and drops the pair on another design', () => {
    const store = createAppStore();
    const s = store.getState;
    s().loadGan(presetSpec('dcgan-generator'), presetSpec('dcgan-discriminator'));
    const pair = { spec: presetSpec('dcgan-generator'), discriminator: presetSpec('dcgan-discriminator') };
    expect(savedDesign(s())).toEqual(pair);
    s().swapPartner();
    expect(savedDesign(s())).toEqual(pair);
    // A discriminator loaded while the generator waits keeps the pair.
    s().loadSpec(presetSpec('dcgan-discriminator'));
    expect(s().partner?.spec.task).toBe('generator');
    s().loadSpec(presetSpec('lenet-5'));
    expect(s().partner).toBeNull();
    expect(savedDesign(s())).toEqual({ spec: presetSpec('lenet-5') });
  });

  it('autosaves the discriminator and refuses a damaged one', () => {
    const design = {
      spec: presetSpec('dcgan-generator'),
      hyper: DCGAN_HYPER,
      discriminator: presetSpec('dcgan-discriminator'),
    };
    const text = encodeAutosave(design, new Date(0));
    expect(decodeAutosave(text)).toEqual({
      ok: true,
      value: { ...design, savedAt: new Date(0).toISOString() },
    });
    const raw = JSON.parse(text) as Record<string, unknown>;
    expect(decodeAutosave(JSON.stringify({ ...raw, discriminator: 5 }))).toEqual({
      ok: false,
      error: "the autosave's discriminator is not a design",
    });
    const lenet = JSON.stringify({ ...raw, discriminator: JSON.stringify(presetSpec('lenet-5')) });
    expect(decodeAutosave(lenet)).toEqual({
      ok: false,
      error: 'the autosave is not valid: its second network is a classification network, not a discriminator',
    });
  });
});
