import { describe, expect, it } from 'vitest';
import { analyzeSpec, estimateMemory } from './analyze';
import { applyFix } from './issues';
import { presetSpec } from './presets';
import type { Layer, NetworkSpec } from './spec';
import { L, fixUntilValid, messages, net } from './testing/build';

/** The first error must carry a fix, and applying fixes must end in a valid spec. */
function expectFixable(spec: NetworkSpec): void {
  const first = analyzeSpec(spec).issues.find((i) => i.severity === 'error');
  expect(first?.fix).toBeDefined();
  expect(analyzeSpec(fixUntilValid(spec)).valid).toBe(true);
}

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

describe('whole-network and task checks', () => {
  it('an empty network and one with too many layers', () => {
    expect(messages(net([]))).toEqual([
      'the network has no layers: add layers from the palette or load a preset',
    ]);
    const many = net([...Array.from({ length: 63 }, () => L('ReLU')), L('Flatten'), L('Linear')]);
    expect(messages(many)).toEqual(['the network has 65 layers; the limit is 64: remove some']);
    expect(analyzeSpec(net([])).issues[0]).toMatchObject({ layerIndex: null, layerId: null });
  });

  it('classification ending in an image, or in flat values without a Linear, is fixed in steps', () => {
    const image = net([L('Conv2d', { out_channels: 16, kernel_size: 5 }), L('MaxPool2d')]);
    expect(messages(image)).toEqual([
      'the network ends with a 16×12×12 image but MNIST has 10 classes: insert Flatten at the end, then Linear(2304 → 10)',
    ]);
    expectFixable(image);
    const flat = net([L('Flatten')]);
    expect(messages(flat)).toEqual([
      'the last layer gives 784 values but MNIST has 10 classes: add Linear(784 → 10) at the end',
    ]);
    expectFixable(flat);
  });

  it('warns about a squashing activation before the loss', () => {
    const spec = net([L('Flatten'), L('Linear'), L('ReLU')]);
    expect(analyzeSpec(spec).valid).toBe(true);
    expect(messages(spec, 'warning')).toEqual([
      'layer 3 (ReLU) squashes the scores before cross-entropy, which expects raw scores (logits): remove it',
    ]);
  });

  it('reconstruction must give back 1×28×28: output_padding, out_channels and Unflatten fixes', () => {
    const ae = presetSpec('autoencoder');
    ae.layers[12] = { ...ae.layers[12], output_padding: 0 } as (typeof ae.layers)[number];
    expect(messages(ae)).toEqual([
      'the network gives 1×27×27 but a reconstruction must match the 1×28×28 input: set output_padding = 1 on layer 13',
    ]);
    expectFixable(ae);
    const channels = presetSpec('autoencoder');
    channels.layers[12] = { ...channels.layers[12], out_channels: 3 } as (typeof ae.layers)[number];
    expect(messages(channels)).toEqual([
      'the network gives 3×28×28 but a reconstruction must match the 1×28×28 input: set out_channels = 1 on layer 13',
    ]);
    expectFixable(channels);
    const flat = net([L('Flatten'), L('Linear', { out_features: 100 })], { task: 'reconstruction' });
    expect(messages(flat)).toEqual([
      'the network gives 100 flat values but a reconstruction must match the 1×28×28 input: set out_features = 784, then add Unflatten',
    ]);
    expectFixable(flat);
    const pooled = net([L('MaxPool2d')], { task: 'reconstruction' });
    expect(messages(pooled)).toEqual([
      'the network gives 1×14×14 but a reconstruction must match the 1×28×28 input: end with a Conv2d or ConvTranspose2d that gives 1×28×28',
    ]);
  });

  it('a generator must output 1×28×28 and read [latentDim]', () => {
    const g = presetSpec('dcgan-generator');
    g.layers[7] = { ...g.layers[7], padding: 2 } as (typeof g.layers)[number];
    expect(messages(g)).toEqual([
      'the network gives 1×26×26 but a generator must output the 1×28×28 image: set padding = 1 on layer 8',
    ]);
    expectFixable(g);
    expect(messages({ ...presetSpec('dcgan-generator'), latentDim: 16 })).toEqual([
      "the generator's input shape 32 must be the noise vector [16] (latentDim)",
    ]);
    const noLatent = presetSpec('dcgan-generator');
    delete noLatent.latentDim;
    expect(messages(noLatent)).toEqual([
      'a generator needs latentDim, a whole number from 1 to 1024 (got undefined)',
    ]);
    expect(messages({ ...presetSpec('lenet-5'), latentDim: 16 })).toEqual([
      'only a generator has latentDim; this is a classification network',
    ]);
  });

  it('a discriminator must give one logit, without a final Sigmoid', () => {
    const d = presetSpec('dcgan-discriminator');
    d.layers[6] = { ...d.layers[6], out_features: 10 } as (typeof d.layers)[number];
    d.layers.push(L('Sigmoid'));
    expect(messages(d)).toEqual([
      'the last layer gives 10 values but a discriminator gives 1 value (a logit: real or fake): set out_features = 1',
    ]);
    expect(messages(d, 'warning')).toEqual([
      'layer 8 (Sigmoid) squashes the scores before BCE-with-logits, which expects raw scores (logits): remove it',
    ]);
    expectFixable(d);
  });
});

describe('size guard', () => {
  it('estimates memory as 4 copies of the parameters plus values and gradients of every non-view output', () => {
    // Tutorial CNN: 421,642 parameters; per sample 784 input values, then the outputs of conv1 and its
    // ReLU (2 × 32·28·28), pool1 (32·14·14), conv2 and its ReLU (2 × 64·14·14), pool2 (64·7·7),
    // fc1 and its ReLU (2 × 128) and fc2 (10); Flatten is a view. Float32, batch 32.
    const values = 784 + 2 * 25088 + 6272 + 2 * 12544 + 3136 + 2 * 128 + 10;
    const m = estimateMemory(presetSpec('pytorch-tutorial-cnn'), 32);
    expect(m.paramBytes).toBe(421_642 * 4 * 4);
    expect(m.activationBytes).toBe(values * 32 * 2 * 4);
    expect(m.totalBytes).toBe(m.paramBytes + m.activationBytes);
    // BatchNorm2d running mean and variance are counted once (no gradients or optimizer state).
    const bn = estimateMemory(
      net([L('Conv2d', { out_channels: 4, kernel_size: 1 }), L('BatchNorm2d'), L('Flatten'), L('Linear')]),
      1,
    );
    expect(bn.paramBytes).toBe(((4 + 4 + 8 + 3136 * 10 + 10) * 4 + 8) * 4);
  });

  it('refuses an activation larger than one GPU buffer, with the numbers', () => {
    const spec = net([L('Conv2d', { out_channels: 4096, padding: 1 }), L('Flatten'), L('Linear')]);
    expect(messages(spec)).toEqual([
      'layer 1 (Conv2d): its output for a batch of 64 is 64×4096×28×28 values = 784 MiB, more than the 128 MiB one GPU buffer may hold: make the layer smaller or reduce the batch size',
      'the model needs about 2.0 GiB of GPU memory for a batch of 64 (parameters, gradients and optimizer state 490.6 MiB; activations and their gradients 1.5 GiB), more than the 1 GiB available: make layers smaller or reduce the batch size',
    ]);
  });

  it('refuses parameters larger than one buffer, and honours the limits and batch size passed in', () => {
    const spec = net([L('Flatten'), L('Linear', { out_features: 1_000_000 }), L('Linear')]);
    expect(messages(spec)).toContain(
      'layer 2 (Linear): its 785,000,000 parameters take 2.9 GiB, more than the 128 MiB one GPU buffer may hold: make the layer smaller',
    );
    const tutorial = presetSpec('pytorch-tutorial-cnn');
    expect(analyzeSpec(tutorial).valid).toBe(true);
    const tight = analyzeSpec(tutorial, { limits: { maxTotalBytes: 4e6 }, batchSize: 32 });
    expect(tight.issues.map((i) => i.message)).toEqual([
      'the model needs about 27.4 MiB of GPU memory for a batch of 32 (parameters, gradients and optimizer state 6.4 MiB; activations and their gradients 20.9 MiB), more than the 3.8 MiB available: make layers smaller or reduce the batch size',
    ]);
  });
});
