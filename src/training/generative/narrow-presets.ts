// Test support without GPU modules: the generative presets at a fraction of their width.
import { describeModel } from '../../engine/model/describe';
import { wireSpec } from '../../network/analyze';
import { presetSpec } from '../../network/presets';

/**
 * A preset with its channel and hidden widths divided by `k` (same layers, kernels and shapes): the
 * SwiftShader tests train these, as the full-width presets take seconds per step on a CPU.
 */
export function narrowPreset(
  id: 'autoencoder' | 'dcgan-generator' | 'dcgan-discriminator',
  k: number,
  options: { bottleneck?: number } = {},
) {
  const spec = presetSpec(id);
  for (const l of spec.layers) {
    if ((l.kind === 'Conv2d' || l.kind === 'ConvTranspose2d') && l.out_channels > 1) l.out_channels /= k;
    if (l.kind === 'Linear' && l.out_features > 16) l.out_features /= k;
    if (l.kind === 'Unflatten')
      l.unflattened_size = [l.unflattened_size[0] / k, l.unflattened_size[1], l.unflattened_size[2]];
  }
  const bottleneck = spec.layers.find((l) => l.id === 'bottleneck');
  if (options.bottleneck && bottleneck?.kind === 'Linear') bottleneck.out_features = options.bottleneck;
  const wired = wireSpec(spec);
  return { spec: wired, desc: describeModel(wired.input.shape, wired.layers) };
}
