import { describe, expect, it } from 'vitest';
import { analyzeSpec } from './analyze';
import { inputShapeAt } from './image-fixes';
import { presetSpec } from './presets';
import type { Layer, NetworkSpec } from './spec';
import { L, expectFixable, messages, net } from './testing/build';

/** The autoencoder preset whose last ConvTranspose2d (layer 12, reading 16×14×14) is a 3×3 one with
 *  output_padding 1 (28 = (14 − 1)·2 − 2 + 3 + 1), then changed by `params`. */
const LAST = presetSpec('autoencoder').layers.findIndex((l) => l.id === 'dec_deconv2');
function decoder(params: Record<string, number>): NetworkSpec {
  const ae = presetSpec('autoencoder');
  const base = { kernel_size: 3, padding: 1, output_padding: 1 };
  ae.layers[LAST] = { ...ae.layers[LAST], ...base, ...params } as Layer;
  return ae;
}

const fixOf = (spec: NetworkSpec) => analyzeSpec(spec).issues.find((i) => i.severity === 'error')?.fix;

describe('fixes for a decoder or generator whose image is not 1×28×28', () => {
  it('recomputes the input shape a layer reads', () => {
    expect(LAST).toBe(11);
    expect(inputShapeAt(presetSpec('autoencoder'), LAST)).toEqual([16, 14, 14]);
    expect(inputShapeAt(presetSpec('dcgan-generator'), 0)).toEqual([32]);
  });

  it('output_padding when it is below the stride, else padding', () => {
    const op = decoder({ output_padding: 0 });
    expect(messages(op)).toEqual([
      'the decoder gives 1×27×27 but the input is 1×28×28: set output_padding = 1 on layer 12',
    ]);
    expect(fixOf(op)?.action).toEqual({
      type: 'set',
      layerId: 'dec_deconv2',
      param: 'output_padding',
      value: 1,
    });
    expectFixable(op);
    const pad = decoder({ padding: 0 });
    expect(messages(pad)).toEqual([
      'the decoder gives 1×30×30 but the input is 1×28×28: set padding = 1 on layer 12',
    ]);
    expectFixable(pad);
  });

  it('never offers output_padding at or above the stride: kernel_size instead', () => {
    const spec = decoder({ padding: 2, output_padding: 0 });
    expect(messages(spec)).toEqual([
      'the decoder gives 1×25×25 but the input is 1×28×28: set kernel_size = 6 on layer 12',
    ]);
    expectFixable(spec);
    const stride1 = decoder({ stride: 1, padding: 0, output_padding: 0 });
    expect(messages(stride1)).toEqual([
      'the decoder gives 1×16×16 but the input is 1×28×28: set kernel_size = 15 on layer 12',
    ]);
    expectFixable(stride1);
  });

  it('fixes the channel count first, then the size', () => {
    const spec = decoder({ out_channels: 2, output_padding: 0 });
    expect(messages(spec)).toEqual([
      'the decoder gives 2×27×27 but the input is 1×28×28: set out_channels = 1 on layer 12',
    ]);
    expectFixable(spec);
  });

  it('names the generator and the shape-setting layer behind a final Tanh', () => {
    const g = presetSpec('dcgan-generator');
    g.layers[7] = { ...g.layers[7], kernel_size: 3 } as Layer;
    expect(messages(g)).toEqual([
      'the generator gives 1×27×27 but its image must be 1×28×28: set output_padding = 1 on layer 8',
    ]);
    expectFixable(g);
  });

  it('a Conv2d at the end gets a padding or kernel_size fix', () => {
    const conv = net([L('Conv2d', { out_channels: 1, kernel_size: 5 })], { task: 'reconstruction' });
    expect(messages(conv)).toEqual([
      'the decoder gives 1×24×24 but the input is 1×28×28: set padding = 2 on layer 1',
    ]);
    expectFixable(conv);
    const big = net([L('Conv2d', { out_channels: 1, kernel_size: 1, padding: 3 })], {
      task: 'reconstruction',
    });
    expect(messages(big)).toEqual([
      'the decoder gives 1×34×34 but the input is 1×28×28: set padding = 0 on layer 1',
    ]);
    expectFixable(big);
  });

  it('appends an upsampling layer after a pool or Unflatten', () => {
    const seven = net([L('Linear', { out_features: 98 }), L('Unflatten', { unflattened_size: [2, 7, 7] })], {
      task: 'generator',
      latentDim: 8,
    });
    expect(messages(seven)).toEqual([
      'the generator gives 2×7×7 but its image must be 1×28×28: add ConvTranspose2d(2 → 1, kernel_size 4, stride 4) at the end',
    ]);
    expectFixable(seven);
    const pooled = net([L('MaxPool2d')], { task: 'reconstruction' });
    expectFixable(pooled);
  });
});
