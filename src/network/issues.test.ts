import { describe, expect, it } from 'vitest';
import { analyzeSpec } from './analyze';
import { applyFix } from './issues';
import type { Layer } from './spec';
import { L, expectFixable, messages, net } from './testing/build';

describe("the issue's example messages", () => {
  it('asks for Flatten before a Linear that gets an image, and the fix inserts it there', () => {
    const spec = net([
      L('Conv2d', { out_channels: 6, kernel_size: 5 }),
      L('ReLU'),
      L('MaxPool2d'),
      L('Conv2d', { out_channels: 16, kernel_size: 5 }),
      L('Linear', { out_features: 10 }),
    ]);
    const issue = analyzeSpec(spec).issues[0];
    expect(issue).toMatchObject({ layerIndex: 4, layerId: spec.layers[4].id, severity: 'error' });
    expect(issue.message).toBe('Linear expects a flat input: insert Flatten before layer 5');
    const fixed = applyFix(spec, issue.fix!);
    expect(fixed.layers.map((l) => l.kind)).toEqual([
      'Conv2d',
      'ReLU',
      'MaxPool2d',
      'Conv2d',
      'Flatten',
      'Linear',
    ]);
    expect(analyzeSpec(fixed).valid).toBe(true);
    expect(spec.layers).toHaveLength(5); // applyFix leaves the original alone
  });

  it('says a kernel is larger than the input and offers the largest kernel that fits', () => {
    const spec = net([
      L('Conv2d', { out_channels: 4, kernel_size: 5 }),
      L('MaxPool2d', { kernel_size: 6, stride: 6 }),
      L('Conv2d', { out_channels: 8, kernel_size: 7 }),
      L('Flatten'),
      L('Linear'),
    ]);
    expect(messages(spec)).toEqual([
      'layer 3 (Conv2d): kernel 7 is larger than the 4×4 input: reduce kernel_size to ≤ 4 or add padding',
    ]);
    expectFixable(spec);
  });

  it('names the dataset and the class count when the last Linear gives the wrong number of values', () => {
    const spec = net([L('Flatten'), L('Linear', { out_features: 20 })]);
    expect(messages(spec)).toEqual([
      'the last layer gives 20 values but MNIST has 10 classes: set out_features = 10',
    ]);
    expectFixable(spec);
    const fashion = net([L('Flatten'), L('Linear', { out_features: 20 }), L('ReLU')], {
      dataset: 'fashion-mnist',
    });
    expect(messages(fashion)).toEqual([
      'the last layer gives 20 values but Fashion-MNIST has 10 classes: set out_features = 10',
    ]);
  });
});

describe('shape errors for every kind', () => {
  it('Conv2d and pooling on flat values: insert Unflatten (guessing the shape before the Flatten)', () => {
    const spec = net([
      L('Conv2d', { out_channels: 16, kernel_size: 5, stride: 5 }),
      L('Flatten'),
      L('Conv2d'),
      L('Flatten'),
      L('Linear'),
    ]);
    expect(messages(spec)).toEqual([
      'Conv2d expects an image (channels × height × width) but gets 400 flat values: insert Unflatten before layer 3',
    ]);
    expect(analyzeSpec(spec).issues[0].fix?.label).toBe('Insert Unflatten to 16×5×5');
    expectFixable(spec);
    for (const kind of ['MaxPool2d', 'AvgPool2d', 'ConvTranspose2d'] as const) {
      const flat = net([L('Flatten'), L(kind), L('Flatten'), L('Linear')]);
      expect(messages(flat)).toEqual([
        `${kind} expects an image (channels × height × width) but gets 784 flat values: insert Unflatten before layer 2`,
      ]);
      expectFixable(flat);
    }
  });

  it('a dilated kernel that spans more than the input', () => {
    const spec = net([
      L('MaxPool2d', { kernel_size: 7, stride: 7 }),
      L('Conv2d', { kernel_size: 3, dilation: 3 }),
      L('Flatten'),
      L('Linear'),
    ]);
    expect(messages(spec)).toEqual([
      'layer 2 (Conv2d): kernel 3 with dilation 3 spans 7 pixels, more than the 4×4 input: reduce kernel_size to ≤ 2 or dilation, or add padding',
    ]);
    expectFixable(spec);
  });

  it('a pooling window larger than its input, with padding counted', () => {
    const spec = net([
      L('MaxPool2d', { kernel_size: 14, stride: 14 }),
      L('AvgPool2d', { kernel_size: 5, stride: 1, padding: 1 }),
      L('Flatten'),
      L('Linear'),
    ]);
    expect(messages(spec)).toEqual([
      'layer 2 (AvgPool2d): kernel 5 is larger than the 2×2 input (4×4 with padding 1): reduce kernel_size to ≤ 4 or add padding',
    ]);
    expectFixable(spec);
  });

  it('ConvTranspose2d whose padding leaves no output', () => {
    const spec = net([
      L('MaxPool2d', { kernel_size: 14, stride: 14 }),
      L('ConvTranspose2d', { kernel_size: 1, padding: 3 }),
      L('Flatten'),
      L('Linear'),
    ]);
    expect(messages(spec)).toEqual([
      'layer 2 (ConvTranspose2d): padding 3 leaves no output from the 2×2 input (size -4): reduce padding to ≤ 0',
    ]);
    expectFixable(spec);
  });

  it("pool padding over half the kernel (PyTorch's limit)", () => {
    for (const kind of ['MaxPool2d', 'AvgPool2d'] as const) {
      const spec = net([L('Conv2d'), L(kind, { kernel_size: 3, padding: 2 }), L('Flatten'), L('Linear')]);
      expect(messages(spec)).toEqual([
        `layer 2 (${kind}): padding 2 is more than half of kernel_size 3: PyTorch allows at most 1`,
      ]);
      expectFixable(spec);
    }
  });

  it('output_padding not below stride or dilation', () => {
    const spec = net([L('ConvTranspose2d', { stride: 2, output_padding: 2 }), L('Flatten'), L('Linear')]);
    expect(messages(spec)).toEqual([
      'layer 1 (ConvTranspose2d): output_padding 2 must be smaller than stride (2) or dilation (1): set output_padding ≤ 1',
    ]);
    expectFixable(spec);
  });

  it('Unflatten on an image, and Unflatten sizes that do not multiply to the input', () => {
    const onImage = net([
      L('Conv2d'),
      L('Unflatten', { unflattened_size: [8, 26, 26] }),
      L('Flatten'),
      L('Linear'),
    ]);
    expect(messages(onImage)).toEqual(['Unflatten expects a flat input: insert Flatten before layer 2']);
    expectFixable(onImage);
    const afterLinear = net(
      [
        L('Flatten'),
        L('Linear', { out_features: 100 }),
        L('ReLU'),
        L('Unflatten', { unflattened_size: [1, 28, 28] }),
      ],
      { task: 'reconstruction' },
    );
    expect(messages(afterLinear)).toEqual([
      'layer 4 (Unflatten): unflattened_size 1×28×28 holds 784 values but the input has 100: set out_features = 784 on layer 2',
    ]);
    expectFixable(afterLinear);
    const afterFlatten = net([
      L('Flatten'),
      L('Unflatten', { unflattened_size: [2, 28, 28] }),
      L('Flatten'),
      L('Linear'),
    ]);
    expect(messages(afterFlatten)).toEqual([
      'layer 2 (Unflatten): unflattened_size 2×28×28 holds 1568 values but the input has 784: set unflattened_size = [1, 28, 28]',
    ]);
    expectFixable(afterFlatten);
  });

  it('BatchNorm2d on flat values', () => {
    const spec = net([L('Flatten'), L('Linear', { out_features: 120 }), L('BatchNorm2d'), L('Linear')]);
    expect(messages(spec)).toEqual([
      'layer 3 (BatchNorm2d): BatchNorm2d normalises the channels of an image but gets 120 flat values: remove it or move it before the Flatten',
    ]);
    expectFixable(spec);
  });

  it('Flatten twice is a warning with a remove fix; the spec stays valid', () => {
    const spec = net([L('Conv2d'), L('Flatten'), L('Flatten'), L('Linear')]);
    expect(analyzeSpec(spec).valid).toBe(true);
    const [warning] = analyzeSpec(spec).issues;
    expect(warning.message).toBe(
      'layer 3 (Flatten): the input was already flattened by layer 2, so this second Flatten does nothing: remove it',
    );
    expect(applyFix(spec, warning.fix!).layers.map((l) => l.kind)).toEqual(['Conv2d', 'Flatten', 'Linear']);
    const generator = net([L('Flatten'), L('Linear', { out_features: 784 }), L('Unflatten')], {
      task: 'generator',
    });
    expect(messages(generator, 'warning')).toEqual([
      'layer 1 (Flatten): the input is already flat (32 values), so this Flatten does nothing: remove it',
    ]);
  });

  it('with autoWire off, in_channels, num_features and in_features mismatches each name the right value', () => {
    const spec = net(
      [
        L('Conv2d', { in_channels: 3, out_channels: 6 }),
        L('BatchNorm2d', { num_features: 4 }),
        L('Flatten'),
        L('Linear', { in_features: 576 }),
      ],
      { autoWire: false },
    );
    expect(messages(spec)).toEqual([
      'layer 1 (Conv2d): in_channels is 3 but the input gives 1 channel: set in_channels = 1',
      'layer 2 (BatchNorm2d): num_features is 4 but the previous layer gives 6 channels: set num_features = 6',
      'layer 4 (Linear): in_features is 576 but the previous layer gives 4056 values: set in_features = 4056',
    ]);
    expectFixable(spec);
    const t = net(
      [
        L('Conv2d', { out_channels: 6 }),
        L('ConvTranspose2d', { in_channels: 2, out_channels: 1 }),
        L('Flatten'),
        L('Linear', { in_features: 784 }),
      ],
      { autoWire: false },
    );
    expect(messages(t)).toEqual([
      'layer 2 (ConvTranspose2d): in_channels is 2 but the previous layer gives 6 channels: set in_channels = 6',
    ]);
    expectFixable(t);
  });
});

describe('parameter ranges', () => {
  it('reports non-positive, fractional, non-finite, absurd and wrongly typed values, each with a fix', () => {
    const spec = net([
      L('Conv2d', { kernel_size: 0, out_channels: 1e9, stride: 2.5, padding: NaN }),
      L('Dropout', { p: 1 }),
      L('Dropout', { p: -0.1 }),
      L('BatchNorm2d', { eps: 0, momentum: 2 }),
      L('LeakyReLU', { negative_slope: 1e5 }),
      L('Unflatten', { unflattened_size: [0, 2, 2] }),
      { ...L('Conv2d'), bias: 'yes' } as unknown as Layer,
    ]);
    expect(messages(spec)).toEqual([
      'layer 1 (Conv2d): out_channels 1000000000 is too large: at most 4096',
      'layer 1 (Conv2d): kernel_size must be at least 1 (got 0)',
      'layer 1 (Conv2d): stride must be a whole number (got 2.5)',
      'layer 1 (Conv2d): padding must be a number (got NaN)',
      'layer 2 (Dropout): p must be below 1 (got 1): it is the chance of zeroing each value while training',
      'layer 3 (Dropout): p must be at least 0 (got -0.1): it is the chance of zeroing each value while training',
      'layer 4 (BatchNorm2d): eps must be above 0 (got 0)',
      'layer 4 (BatchNorm2d): momentum must be below or equal to 1 (got 2)',
      'layer 5 (LeakyReLU): negative_slope must be below or equal to 1000 (got 100000)',
      'layer 6 (Unflatten): unflattened_size must be three whole numbers [C, H, W], each at least 1 (C ≤ 4096, H and W ≤ 1024)',
      'layer 7 (Conv2d): bias must be true or false',
    ]);
    let fixed = spec;
    for (const issue of analyzeSpec(spec).issues) fixed = applyFix(fixed, issue.fix!);
    expect(analyzeSpec(fixed).issues.filter((i) => i.message.includes(' must be '))).toEqual([]);
  });

  it('every kind rejects a zero or negative size', () => {
    const cases = [
      L('Conv2d', { out_channels: 0 }),
      L('ConvTranspose2d', { stride: 0 }),
      L('MaxPool2d', { kernel_size: -2 }),
      L('AvgPool2d', { stride: 0 }),
      L('Linear', { out_features: 0 }),
      L('BatchNorm2d', { num_features: 0 }),
      L('Unflatten', { unflattened_size: [1, -28, 28] }),
    ];
    for (const layer of cases) {
      const spec = net([layer]);
      expect(messages(spec)[0]).toMatch(/^layer 1 \(\w+\): \w+ must be (at least 1|three whole numbers)/);
      expect(
        analyzeSpec(applyFix(spec, analyzeSpec(spec).issues[0].fix!)).layers[0].outputShape,
      ).not.toBeNull();
    }
  });
});
