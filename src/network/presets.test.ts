import { describe, expect, it } from 'vitest';
import { analyzeSpec, wireSpec } from './analyze';
import { validateHyper } from './hyper';
import { PRESETS, getPreset, presetSpec } from './presets';

// Parameter counts worked out by hand as PyTorch counts them (weights + biases):
//   conv = out·in·k² + out, linear = out·in + out, BatchNorm2d = 2·C.
const LENET = 6 * 1 * 25 + 6 + (16 * 6 * 25 + 16) + (120 * 400 + 120) + (84 * 120 + 84) + (10 * 84 + 10);
const TUTORIAL = 32 * 9 + 32 + (64 * 32 * 9 + 64) + (128 * 3136 + 128) + (10 * 128 + 10);
const TINY = 8 * 25 + 8 + (16 * 8 * 9 + 16) + (10 * 784 + 10);
const MLP = 128 * 784 + 128 + (10 * 128 + 10);
// The autoencoders with a code of w numbers: two strided 3×3 convs, the bottleneck Linear and the decoder's
// Linear, then two 4×4 transposed convs (a ConvTranspose2d's weight is in·out·k²).
const autoencoder = (w: number) =>
  16 * 9 +
  16 +
  (32 * 16 * 9 + 32) +
  (w * 1568 + w) +
  (1568 * w + 1568) +
  (32 * 16 * 16 + 16) +
  (16 * 1 * 16 + 1);
const GENERATOR = 3136 * 32 + 3136 + 2 * 64 + (64 * 32 * 16 + 32) + 2 * 32 + (32 * 1 * 16 + 1);
// The DCGAN discriminator's convolutions, then its hidden Linear of 256 and the logit; the conditional one
// reads the 7×7 map straight into its logit.
const D_CONVS = 32 * 16 + 32 + (64 * 32 * 16 + 64) + 2 * 64;
const DISCRIMINATOR = D_CONVS + (256 * 3136 + 256) + (256 + 1);

// Residual block: two bias-free 3×3 convs of C channels and two BatchNorm2d; a depthwise conv has C·9.
const block = (c: number) => 2 * (c * c * 9) + 2 * (2 * c);
const RESNET = 8 * 9 + 2 * 8 + block(8) + block(8) + (10 * 392 + 10);
const separable = (cin: number, cout: number) => cin * 9 + 2 * cin + cout * cin + 2 * cout;
const MOBILENET = 16 * 9 + 2 * 16 + separable(16, 32) + separable(32, 64) + (10 * 64 * 49 + 10);

// The dense presets: conv 3×3 + BatchNorm blocks, ConvTranspose2d k2 = in·out·4 + out, a 1×1 head.
const conv = (i: number, o: number, k = 3) => o * i * k * k + o;
const convBlock = (i: number, o: number) => conv(i, o) + 2 * o;
const up = (i: number, o: number) => i * o * 4 + o;
const ENCODER =
  convBlock(1, 8) + convBlock(8, 16) + convBlock(16, 32) + convBlock(32, 32) + convBlock(32, 32);
const UNET =
  ENCODER + up(32, 32) + convBlock(64, 32) + up(32, 16) + convBlock(32, 16) + up(16, 8) + conv(16, 11, 1);
const FCN = convBlock(1, 16) + convBlock(16, 32) + convBlock(32, 32) + conv(32, 11, 1);
const CENTERNET = ENCODER + up(32, 32) + convBlock(64, 32) + conv(32, 14, 1);

const EXPECTED: Record<string, { params: number; output: number[] }> = {
  'lenet-5': { params: LENET, output: [10] },
  'pytorch-tutorial-cnn': { params: TUTORIAL, output: [10] },
  'tiny-cnn': { params: TINY, output: [10] },
  mlp: { params: MLP, output: [10] },
  'resnet-mini': { params: RESNET, output: [10] },
  'mobilenet-mini': { params: MOBILENET, output: [10] },
  autoencoder: { params: autoencoder(2), output: [1, 28, 28] },
  'autoencoder-sharp': { params: autoencoder(16), output: [1, 28, 28] },
  // An MLP: 784 → 512 → 512 → 4 (a mean and a log-variance per code value), then 2 → 512 → 512 → 784.
  vae: {
    params: 784 * 512 + 512 + 2 * (512 * 512 + 512) + (512 * 4 + 4) + (2 * 512 + 512) + (512 * 784 + 784),
    output: [1, 28, 28],
  },
  'dcgan-generator': { params: GENERATOR, output: [1, 28, 28] },
  'dcgan-discriminator': { params: DISCRIMINATOR, output: [1] },
  // The conditional pair: G's Linear reads 10 one-hot values more, D's first conv 10 planes more.
  'cgan-generator': { params: GENERATOR + 3136 * 10, output: [1, 28, 28] },
  'cgan-discriminator': { params: D_CONVS + (3136 + 1) + 32 * 10 * 16, output: [1] },
  unet: { params: UNET, output: [11, 64, 64] },
  fcn: { params: FCN, output: [11, 64, 64] },
  centernet: { params: CENTERNET, output: [14, 16, 16] },
};

describe('presets', () => {
  it('covers every preset in the expectations', () => {
    expect(PRESETS.map((p) => p.id).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))(
    '%s is valid, warning-free, with the right output and parameter count',
    (id, preset) => {
      const a = analyzeSpec(preset.spec);
      expect(a.issues).toEqual([]);
      expect(a.valid).toBe(true);
      expect(a.outputShape).toEqual(EXPECTED[id].output);
      expect(a.totalParams).toBe(EXPECTED[id].params);
      expect(preset.task).toBe(preset.spec.task);
      expect(validateHyper(preset.hyper, preset.task)).toEqual([]);
      // Declared in_channels / in_features already agree with the wiring, so autoWire off is valid too.
      expect(wireSpec(preset.spec)).toEqual(preset.spec);
      expect(analyzeSpec({ ...preset.spec, autoWire: false }).valid).toBe(true);
    },
  );

  it('LeNet-5 has PyTorch’s 61,706 parameters and the familiar shapes', () => {
    expect(LENET).toBe(61_706);
    const shapes = analyzeSpec(presetSpec('lenet-5')).layers.map((l) => l.outputShape);
    expect(shapes).toEqual([
      [6, 28, 28],
      [6, 28, 28],
      [6, 14, 14],
      [16, 10, 10],
      [16, 10, 10],
      [16, 5, 5],
      [400],
      [120],
      [120],
      [84],
      [84],
      [10],
    ]);
  });

  it('the tutorial CNN flattens 64·7·7 and explains the original mistakes', () => {
    const preset = getPreset('pytorch-tutorial-cnn')!;
    const flatten = analyzeSpec(preset.spec).layers.find((l) => l.kind === 'Flatten')!;
    expect(flatten.outputShape).toEqual([64 * 7 * 7]);
    expect(preset.spec.layers[0]).toMatchObject({ in_channels: 1 });
    expect(preset.description).toMatch(/3 input channels|three input channels/);
    expect(preset.description).toContain('64·6·6');
    expect(preset.description).toContain('64·7·7');
  });

  it('the autoencoder has a 2-value bottleneck for the latent plot', () => {
    const preset = getPreset('autoencoder')!;
    const a = analyzeSpec(preset.spec);
    const bottleneck = a.layers.find((l) => l.id === preset.bottleneckLayerId)!;
    expect(bottleneck.outputShape).toEqual([2]);
    expect(preset.spec.layers.at(-1)?.kind).toBe('Sigmoid');
    const sharp = getPreset('autoencoder-sharp')!;
    const code = analyzeSpec(sharp.spec).layers.find((l) => l.id === sharp.bottleneckLayerId)!;
    expect(code.outputShape).toEqual([16]);
    // The VAE's code is its sampling step's output: 2 values, from 4 (means and log-variances).
    const vae = getPreset('vae')!;
    const layers = analyzeSpec(vae.spec).layers;
    const sample = layers.find((l) => l.id === vae.bottleneckLayerId)!;
    expect(sample.outputShape).toEqual([2]);
    expect(layers[layers.indexOf(sample) - 1].outputShape).toEqual([4]);
  });

  it('the DCGAN pair uses DCGAN settings, a Tanh generator and a LeakyReLU(0.2) discriminator', () => {
    const g = getPreset('dcgan-generator')!;
    const d = getPreset('dcgan-discriminator')!;
    expect(g.hyper).toMatchObject({ optimizer: 'adam', lr: 1e-3, beta1: 0.5 });
    expect(g.spec.input.shape).toEqual([g.spec.latentDim]);
    expect(g.spec.layers.at(-1)?.kind).toBe('Tanh');
    expect(
      d.spec.layers
        .filter((l) => l.kind === 'LeakyReLU')
        .every((l) => l.kind === 'LeakyReLU' && l.negative_slope === 0.2),
    ).toBe(true);
  });

  it('presetSpec returns a copy that can be edited without changing the preset', () => {
    const copy = presetSpec('mlp');
    copy.layers.pop();
    expect(getPreset('mlp')!.spec.layers).toHaveLength(4);
  });
});
