// Test support without GPU modules: the generative presets at a fraction of their width.
import { definitionOf, type LayerData } from '../../layers';
import { describeModel } from '../../model/describe';
import type { Layer } from '../../network/spec';
import { wireSpec } from '../../network/analyze';
import { presetSpec } from '../../network/presets';

/**
 * A preset with its channel and hidden widths divided by `k` (same layers, kernels and shapes): the
 * SwiftShader tests train these, as the full-width presets take seconds per step on a CPU.
 */
export function narrowPreset(
  id:
    | 'autoencoder'
    | 'autoencoder-sharp'
    | 'dcgan-generator'
    | 'dcgan-discriminator'
    | 'cgan-generator'
    | 'cgan-discriminator',
  k: number,
  options: { bottleneck?: number } = {},
) {
  const preset = presetSpec(id);
  const layers = preset.layers.map((l) => {
    const narrow = definitionOf(l.kind).narrow?.(l as LayerData, k) ?? l;
    // The bottleneck keeps the width the caller asks for (its size parameter: out_features).
    const sizeParam = definitionOf(l.kind).traits?.sizeParam;
    return l.id === 'bottleneck' && options.bottleneck && sizeParam
      ? { ...narrow, [sizeParam]: options.bottleneck }
      : narrow;
  });
  const spec = { ...preset, layers: layers as Layer[] };
  const wired = wireSpec(spec);
  return { spec: wired, desc: describeModel(wired.input.shape, wired.layers) };
}
