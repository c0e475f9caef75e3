import { describe, expect, it } from 'vitest';
import { analyzeSpec, estimateMemory } from './analyze';
import { presetSpec } from './presets';
import { L, expectFixable, messages, net } from './testing/build';

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
    // The last ConvTranspose2d with a 3×3 kernel: (14 − 1)·2 − 2 + 3 = 27.
    const ae = presetSpec('autoencoder');
    ae.layers[11] = { ...ae.layers[11], kernel_size: 3, output_padding: 0 } as (typeof ae.layers)[number];
    expect(messages(ae)).toEqual([
      'the decoder gives 1×27×27 but the input is 1×28×28: set output_padding = 1 on layer 12',
    ]);
    expectFixable(ae);
    const channels = presetSpec('autoencoder');
    channels.layers[11] = { ...channels.layers[11], out_channels: 3 } as (typeof ae.layers)[number];
    expect(messages(channels)).toEqual([
      'the decoder gives 3×28×28 but the input is 1×28×28: set out_channels = 1 on layer 12',
    ]);
    expectFixable(channels);
    const flat = net([L('Flatten'), L('Linear', { out_features: 100 })], { task: 'reconstruction' });
    expect(messages(flat)).toEqual([
      'the decoder gives 100 flat values but the input is 1×28×28: set out_features = 784, then add Unflatten',
    ]);
    expectFixable(flat);
    const noLinear = net([L('Conv2d', { out_channels: 4, kernel_size: 5 }), L('Flatten')], {
      task: 'generator',
      latentDim: 784,
    });
    expect(messages(noLinear)).toEqual([
      'Conv2d expects an image (channels × height × width) but gets 784 flat values: insert Unflatten before layer 1',
    ]);
    const flatEnd = net([L('Unflatten', { unflattened_size: [4, 4, 4] }), L('Flatten')], {
      task: 'generator',
      latentDim: 64,
    });
    expect(messages(flatEnd)).toEqual([
      'the generator gives 64 flat values but its image must be 1×28×28: add Linear(64 → 784) and Unflatten to 1×28×28 at the end',
    ]);
    expectFixable(flatEnd);
    const pooled = net([L('MaxPool2d')], { task: 'reconstruction' });
    expect(messages(pooled)).toEqual([
      'the decoder gives 1×14×14 but the input is 1×28×28: add ConvTranspose2d(1 → 1, kernel_size 2, stride 2) at the end',
    ]);
  });

  it('a generator must output 1×28×28 and read [latentDim]', () => {
    const g = presetSpec('dcgan-generator');
    g.layers[7] = { ...g.layers[7], padding: 2 } as (typeof g.layers)[number];
    expect(messages(g)).toEqual([
      'the generator gives 1×26×26 but its image must be 1×28×28: set padding = 1 on layer 8',
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
    const last = d.layers.length - 1;
    d.layers[last] = { ...d.layers[last], out_features: 10 } as (typeof d.layers)[number];
    d.layers.push(L('Sigmoid'));
    expect(messages(d)).toEqual([
      'the last layer gives 10 values but a discriminator gives 1 value (a logit: real or fake): set out_features = 1',
    ]);
    expect(messages(d, 'warning')).toEqual([
      'layer 10 (Sigmoid) squashes the scores before BCE-with-logits, which expects raw scores (logits): remove it',
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
      'layer 3 (Linear): its input has 3,211,264 values, more than the 1,048,576 in_features allows: shrink the image before the Flatten (add MaxPool2d or use a stride)',
      'the model needs about 2.0 GiB of GPU memory for a batch of 64 (parameters, gradients and optimizer state 490.6 MiB; activations and their gradients 1.5 GiB), more than the 1 GiB available: make layers smaller or reduce the batch size',
    ]);
  });

  it('stops images from growing past 1024×1024 pixels', () => {
    // 28 doubles to 56, 112, 224, 448, 896, then 1792 at layer 6.
    const up = () => L('ConvTranspose2d', { out_channels: 1, kernel_size: 2, stride: 2 });
    const spec = net([up(), up(), up(), up(), up(), up(), L('Flatten'), L('Linear')]);
    expect(messages(spec)).toEqual([
      'layer 5 (ConvTranspose2d): its output for a batch of 64 is 64×1×896×896 values = 196 MiB, more than the 128 MiB one GPU buffer may hold: make the layer smaller or reduce the batch size',
      'layer 6 (ConvTranspose2d): the output would be 1792×1792 pixels; the limit is 1024×1024: reduce stride, kernel_size or padding',
    ]);
    expect(analyzeSpec(spec).layers[5].outputShape).toBeNull();
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
