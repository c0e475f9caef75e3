// Designs the GPU fuzz (src/training/fuzz) found accepted by the analysis but unbuildable by the engine.
import { describe, expect, it } from 'vitest';
import { analyzeSpec } from './analyze';
import { applyFix } from './issues';
import { L, messages, net } from './testing/build';

describe('found by the GPU fuzz', () => {
  it('refuses a dilated max-pool whose window falls entirely in padding, and offers dilation 1', () => {
    // 1×1 input, kernel 2, dilation 2, padding 1: the taps of output 0 are at -1 and +1, both outside.
    const spec = net([
      L('Flatten'),
      L('Linear', { out_features: 10 }),
      L('Unflatten', { unflattened_size: [10, 1, 1] }),
      L('MaxPool2d', { kernel_size: 2, stride: 3, padding: 1, dilation: 2 }),
      L('Flatten'),
      L('Linear', { out_features: 10 }),
    ]);
    expect(messages(spec)).toEqual([
      'layer 4 (MaxPool2d): with dilation 2 and padding 1, a window of an output row falls entirely in the padding of the 1×1 input: set dilation = 1',
    ]);
    const fix = analyzeSpec(spec).issues[0].fix!;
    expect(analyzeSpec(applyFix(spec, fix)).valid).toBe(true);
    // The same window on a larger input always reaches a pixel.
    const wide = net([
      L('MaxPool2d', { kernel_size: 2, padding: 1, dilation: 2 }),
      L('Flatten'),
      L('Linear'),
    ]);
    expect(messages(wide)).toEqual([]);
  });

  it("refuses a Linear whose flattened input exceeds in_features' limit, with the numbers", () => {
    const spec = net([
      L('Conv2d', { out_channels: 16, kernel_size: 1 }),
      L('ConvTranspose2d', { out_channels: 32, kernel_size: 1, stride: 9 }),
      L('Flatten'),
      L('Linear', { out_features: 10 }),
    ]);
    // A small batch, so the one-buffer guard stays quiet and only the Linear's limit speaks.
    const errors = analyzeSpec(spec, { batchSize: 2 }).issues.map((i) => i.message);
    expect(errors).toEqual([
      'layer 4 (Linear): its input has 1,905,152 values, more than the 1,048,576 in_features allows: shrink the image before the Flatten (add MaxPool2d or use a stride)',
    ]);
  });

  it('refuses BatchNorm2d on a 1×1 image with a batch of 1 (one value per channel), only then', () => {
    const spec = net([
      L('Conv2d', { out_channels: 4, kernel_size: 28 }),
      L('BatchNorm2d'),
      L('Flatten'),
      L('Linear', { out_features: 10 }),
    ]);
    const errors = (batchSize: number) =>
      analyzeSpec(spec, { batchSize })
        .issues.filter((i) => i.severity === 'error')
        .map((i) => i.message);
    expect(errors(1)).toEqual([
      'layer 2 (BatchNorm2d): with a batch of 1 and a 1×1 input each channel has a single value, which cannot be normalised while training: use a batch size of at least 2, or move BatchNorm2d before the image shrinks to 1×1',
    ]);
    expect(errors(2)).toEqual([]);
  });
});
