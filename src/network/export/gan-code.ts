// A GAN exports as a pair: generator/ and discriminator/ each hold their own model.py and weights, and
// one train.py at the top continues the adversarial training with both networks' settings.
import type { Hyperparams } from '../hyper';
import { exportSamples, type SampleImages } from './bundle';
import type { NetworkSpec } from '../spec';
import { INPUT_NORMALIZATION } from './normalization';
import { exportModelPy, planExport } from './pytorch-code';
import { pyInt } from './python-syntax';
import { TORCHVISION_DATASET } from './python-snippets';
import type { LayerTensors } from './state-dict';
import { describeHyper, loopConstants, optimizerCall, SAVE_SAFETENSORS } from './train-code';
import { exportWeights } from './weights-file';
import { writeZip, type ZipEntry } from './zip';

export interface GanHalf {
  spec: NetworkSpec;
  hyper: Hyperparams;
  weights: readonly LayerTensors[];
}

/** The analysis already requires a generator to output 1×28×28 and a discriminator to read it. */
function checkPair(generator: NetworkSpec, discriminator: NetworkSpec): void {
  if (generator.task !== 'generator' || discriminator.task !== 'discriminator') {
    throw new Error('a GAN export needs a generator and a discriminator');
  }
}

/** train.py for a GAN: loops, epochs, batch size and seed follow the generator's settings. */
export function exportGanTrainPy(generator: GanHalf, discriminator: GanHalf): string {
  checkPair(generator.spec, discriminator.spec);
  const g = planExport(generator.spec).className;
  const d = planExport(discriminator.spec);
  const lastIsSigmoid = d.spec.layers.at(-1)!.kind === 'Sigmoid';
  const dataset = TORCHVISION_DATASET[d.spec.input.dataset];
  const { mean, std } = INPUT_NORMALIZATION.discriminator;
  return `"""Continues training the GAN in generator/ and discriminator/ on ${dataset} with the playground's settings.

Generator: ${describeHyper(generator.hyper)}.
Discriminator: ${describeHyper(discriminator.hyper)}.
Batch size ${pyInt(generator.hyper.batchSize, 'batchSize')}, ${pyInt(generator.hyper.epochs, 'epochs')} epochs, seed ${pyInt(generator.hyper.seed, 'seed')}.

    python3 train.py    # needs torchvision; writes trained.safetensors next to each weights.safetensors

Real images are scaled to [-1, 1] (mean ${mean}, std ${std}) to match the generator's Tanh.
"""
import json
import os
import struct

import torch
from torch import nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from discriminator.model import HERE as DISCRIMINATOR_DIR, MEAN, STD, ${d.className}
from generator.model import HERE as GENERATOR_DIR, LATENT_DIM, ${g}

${loopConstants(generator.hyper)}


${SAVE_SAFETENSORS}


def main():
    torch.manual_seed(SEED)
    train_set = datasets.${dataset}('data', train=True, download=True, transform=transforms.ToTensor())
    loader = DataLoader(train_set, batch_size=BATCH_SIZE, shuffle=True, drop_last=True)

    generator = ${g}().load_weights(os.path.join(GENERATOR_DIR, 'weights.safetensors'))
    discriminator = ${d.className}().load_weights(os.path.join(DISCRIMINATOR_DIR, 'weights.safetensors'))
    g_optimizer = ${optimizerCall(generator.hyper, 'generator')}
    d_optimizer = ${optimizerCall(discriminator.hyper, 'discriminator')}
    loss_fn = ${lastIsSigmoid ? 'nn.BCELoss()' : 'nn.BCEWithLogitsLoss()'}

    for epoch in range(EPOCHS):
        for images, _ in loader:
            real = (images - MEAN) / STD
            fake = generator(torch.randn(len(images), LATENT_DIM))
            ones, zeros = torch.ones(len(images)), torch.zeros(len(images))

            # The discriminator learns to tell real from generated images...
            d_optimizer.zero_grad()
            d_real = loss_fn(discriminator(real).flatten(), ones)
            d_fake = loss_fn(discriminator(fake.detach()).flatten(), zeros)
            d_loss = d_real + d_fake
            d_loss.backward()
            d_optimizer.step()

            # ...and the generator learns to make the discriminator call its images real.
            g_optimizer.zero_grad()
            g_loss = loss_fn(discriminator(fake).flatten(), ones)
            g_loss.backward()
            g_optimizer.step()
        print(f'epoch {epoch + 1}: discriminator loss {d_loss.item():.4f}, generator loss {g_loss.item():.4f}')

    save_safetensors(generator.state_dict(), os.path.join(GENERATOR_DIR, 'trained.safetensors'))
    save_safetensors(discriminator.state_dict(), os.path.join(DISCRIMINATOR_DIR, 'trained.safetensors'))
    print('saved trained.safetensors in generator/ and discriminator/: import them in CNN Playground')


if __name__ == '__main__':
    main()
`;
}

/**
 * One .zip with both halves of a GAN, each runnable alone, and the train.py that trains them together;
 * `samples` (test images for the discriminator's demo) go to discriminator/samples.safetensors.
 */
export function exportGanBundle(
  generator: GanHalf,
  discriminator: GanHalf,
  options: { samples?: SampleImages; modified?: Date } = {},
): Uint8Array {
  const text = (s: string) => new TextEncoder().encode(s);
  const entries: ZipEntry[] = [];
  for (const [folder, half] of [
    ['generator', generator],
    ['discriminator', discriminator],
  ] as const) {
    entries.push({ name: `${folder}/model.py`, data: text(exportModelPy(half.spec)) });
    entries.push({ name: `${folder}/weights.safetensors`, data: exportWeights(half.spec, half.weights) });
  }
  if (options.samples) {
    entries.push({ name: 'discriminator/samples.safetensors', data: exportSamples(options.samples) });
  }
  entries.push({ name: 'train.py', data: text(exportGanTrainPy(generator, discriminator)) });
  entries.push({
    name: 'README.txt',
    data: text(
      [
        'A GAN exported from CNN Playground.',
        '',
        'generator/      the generator: model.py (python3 generator/model.py prints sample statistics)',
        'discriminator/  the discriminator: model.py (python3 discriminator/model.py judges test images)',
        '                each with weights.safetensors, its PyTorch state_dict as F32 safetensors',
        "train.py        continues training both with the playground's settings (needs torchvision)",
        '',
        "Needs PyTorch only (e.g. Debian's python3-torch or pip install torch).",
        '',
      ].join('\n'),
    ),
  });
  return writeZip(entries, options.modified);
}
