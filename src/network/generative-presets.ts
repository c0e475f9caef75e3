// Ready-made generative designs: the conv autoencoders (a 2-number code to plot, a 16-number one to draw
// sharp digits), the variational autoencoder, and DCGAN's generator and discriminator.
import { DEFAULT_HYPER, type Hyperparams } from './hyper';
import type { Layer, NetworkSpec } from './spec';
import { l, mnistSpec } from './preset-layers';

/** Two stride-2 convolutions, 28 → 14 → 7: the encoder of the autoencoders. */
function encoder(): Layer[] {
  return [
    l('Conv2d', 'enc_conv1', { in_channels: 1, out_channels: 16, kernel_size: 3, stride: 2, padding: 1 }),
    l('ReLU', 'enc_relu1'),
    l('Conv2d', 'enc_conv2', { in_channels: 16, out_channels: 32, kernel_size: 3, stride: 2, padding: 1 }),
    l('ReLU', 'enc_relu2'),
    l('Flatten', 'enc_flatten'),
  ];
}

/** From a code of `width` numbers back to an image: Linear, then two transposed convolutions 7 → 14 → 28. */
function decoder(width: number): Layer[] {
  const up = (id: string, cin: number, cout: number) =>
    l('ConvTranspose2d', id, { in_channels: cin, out_channels: cout, kernel_size: 4, stride: 2, padding: 1 });
  return [
    l('Linear', 'dec_fc', { in_features: width, out_features: 32 * 7 * 7 }),
    l('ReLU', 'dec_relu1'),
    l('Unflatten', 'dec_unflatten', { unflattened_size: [32, 7, 7] }),
    up('dec_deconv1', 32, 16),
    l('ReLU', 'dec_relu2'),
    up('dec_deconv2', 16, 1),
    l('Sigmoid', 'dec_sigmoid'),
  ];
}

/** Adam at 3e-3 reaches the sharp autoencoder's 90% in half the steps of 1e-3 (docs/GENERATION.md). */
export const AUTOENCODER_HYPER: Hyperparams = { ...DEFAULT_HYPER, lr: 3e-3, loss: 'bce' };

/** The autoencoder with a code of `width` numbers (its bottleneck Linear's outputs). */
function autoencoderOf(name: string, width: number): NetworkSpec {
  return mnistSpec(name, 'reconstruction', [
    ...encoder(),
    l('Linear', 'bottleneck', { in_features: 32 * 7 * 7, out_features: width }),
    ...decoder(width),
  ]);
}

export const autoencoder = autoencoderOf('Conv autoencoder', 2);
/** Width of the sharp autoencoder's code: enough for the judge to recognise 9 reconstructions in 10. */
export const SHARP_CODE = 16;
export const sharpAutoencoder = autoencoderOf('Sharp conv autoencoder', SHARP_CODE);

/** Width of the VAE's hidden layers: 512, two of them each way. */
export const VAE_HIDDEN = 512;

/** KL weight 0.5/784 (β = 0.5; with BCE averaged over the 784 pixels, β = 1 is the ELBO per pixel): at β = 1
 *  the 4s' codes lie among the 9s' and decode to 9s (docs/GENERATION.md). */
export const VAE_KL_WEIGHT = 0.5 / 784;

/** The variational autoencoder, an MLP: the encoder gives a mean and a log-variance per latent value; the
 *  conv encoder and decoder left the 4 without a region of its own in the latent map. */
export const vae = mnistSpec('Variational autoencoder', 'reconstruction', [
  l('Flatten', 'enc_flatten'),
  l('Linear', 'enc_fc1', { in_features: 28 * 28, out_features: VAE_HIDDEN }),
  l('ReLU', 'enc_relu1'),
  l('Linear', 'enc_fc2', { in_features: VAE_HIDDEN, out_features: VAE_HIDDEN }),
  l('ReLU', 'enc_relu2'),
  l('Linear', 'stats', { in_features: VAE_HIDDEN, out_features: 4 }),
  l('Reparameterize', 'code', { kl_weight: VAE_KL_WEIGHT }),
  l('Linear', 'dec_fc1', { in_features: 2, out_features: VAE_HIDDEN }),
  l('ReLU', 'dec_relu1'),
  l('Linear', 'dec_fc2', { in_features: VAE_HIDDEN, out_features: VAE_HIDDEN }),
  l('ReLU', 'dec_relu2'),
  l('Linear', 'dec_fc3', { in_features: VAE_HIDDEN, out_features: 28 * 28 }),
  l('Unflatten', 'dec_unflatten', { unflattened_size: [1, 28, 28] }),
  l('Sigmoid', 'dec_sigmoid'),
]);

/** The DCGAN generator's layers, reading `inFeatures` values (the noise, or the noise and a one-hot digit). */
export const generatorLayers = (inFeatures: number) => [
  l('Linear', 'fc', { in_features: inFeatures, out_features: 64 * 7 * 7 }),
  l('Unflatten', 'unflatten', { unflattened_size: [64, 7, 7] }),
  l('BatchNorm2d', 'bn0', { num_features: 64 }),
  l('ReLU', 'relu0'),
  l('ConvTranspose2d', 'deconv1', {
    in_channels: 64,
    out_channels: 32,
    kernel_size: 4,
    stride: 2,
    padding: 1,
  }),
  l('BatchNorm2d', 'bn1', { num_features: 32 }),
  l('ReLU', 'relu1'),
  l('ConvTranspose2d', 'deconv2', {
    in_channels: 32,
    out_channels: 1,
    kernel_size: 4,
    stride: 2,
    padding: 1,
  }),
  l('Tanh', 'tanh'),
];

/** The DCGAN discriminator's layers, reading `inChannels` planes (the image, or the image and digit planes);
 *  with `hidden` units, a hidden Linear and LeakyReLU before the logit. */
export const discriminatorLayers = (inChannels: number, hidden = 0) => [
  l('Conv2d', 'conv1', { in_channels: inChannels, out_channels: 32, kernel_size: 4, stride: 2, padding: 1 }),
  l('LeakyReLU', 'lrelu1', { negative_slope: 0.2 }),
  l('Conv2d', 'conv2', { in_channels: 32, out_channels: 64, kernel_size: 4, stride: 2, padding: 1 }),
  l('BatchNorm2d', 'bn2', { num_features: 64 }),
  l('LeakyReLU', 'lrelu2', { negative_slope: 0.2 }),
  l('Flatten', 'flatten'),
  ...(hidden
    ? [
        l('Linear', 'fc_hidden', { in_features: 64 * 7 * 7, out_features: hidden }),
        l('LeakyReLU', 'lrelu3', { negative_slope: 0.2 }),
        l('Linear', 'fc', { in_features: hidden, out_features: 1 }),
      ]
    : [l('Linear', 'fc', { in_features: 64 * 7 * 7, out_features: 1 })]),
];

/** The hidden layer of the DCGAN's discriminator: a non-linear reading of the whole 7×7 map, which the judge's
 *  doubt about the samples favours (docs/GENERATION.md). */
export const DISCRIMINATOR_HIDDEN = 256;

export const generator = mnistSpec('DCGAN generator', 'generator', generatorLayers(32));

export const discriminator = mnistSpec(
  'DCGAN discriminator',
  'discriminator',
  discriminatorLayers(1, DISCRIMINATOR_HIDDEN),
);
