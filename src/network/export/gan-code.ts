// A GAN exports as a pair: generator/ and discriminator/ each hold their own model.py and weights, and
// one train.py at the top continues the adversarial training with both networks' settings.
import { tr } from '../../i18n';
import { definitionOf } from '../../layers';
import type { Hyperparams } from '../hyper';
import { exportSamples, trainingNotes, type SampleImages } from './bundle';
import { CONVERTER_NAME, exportConvertPy } from './convert-code';
import { IMAGE_SHAPE, type NetworkSpec } from '../spec';
import { CONDITION_CLASSES } from '../cgan-presets';
import { INPUT_NORMALIZATION } from './normalization';
import { exportModelPy, planExport } from './pytorch-code';
import { pyInt } from './python-syntax';
import { dataName } from './python-data';
import { DISTRIBUTED, parseArgs, SAVE_SAFETENSORS, usage } from './python-training';
import type { LayerTensors } from './state-dict';
import { describeHyper, loopConstants, optimizerCall } from './python-optimizer';
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

/** A conditional pair's digits (its discriminator reads them as planes after the image), else 0. */
export function ganCondition(discriminator: NetworkSpec): number {
  return discriminator.input.shape[0] === IMAGE_SHAPE[0] + CONDITION_CLASSES ? CONDITION_CLASSES : 0;
}

/** train.py for a GAN: loops, epochs, batch size and seed follow the generator's settings. A conditional
 *  pair trains on the images' labels: fakes are asked for uniformly drawn digits. */
export function exportGanTrainPy(generator: GanHalf, discriminator: GanHalf): string {
  checkPair(generator.spec, discriminator.spec);
  const conditional = ganCondition(discriminator.spec) > 0;
  const g = planExport(generator.spec).className;
  const d = planExport(discriminator.spec);
  const lastIsSigmoid = Boolean(definitionOf(d.spec.layers.at(-1)!.kind).traits?.sigmoid);
  const { mean, std } = INPUT_NORMALIZATION.discriminator;
  const batch = {
    batch: pyInt(generator.hyper.batchSize, 'batchSize'),
    epochs: pyInt(generator.hyper.epochs, 'epochs'),
    seed: pyInt(generator.hyper.seed, 'seed'),
  };
  return `"""${tr('export:gan.doc1', { dataset: dataName(d.spec.input) })}

${tr('export:gan.generator', { hyper: describeHyper(generator.hyper) })}
${tr('export:gan.discriminator', { hyper: describeHyper(discriminator.hyper) })}
${tr('export:gan.batch', batch)}

${usage(d.spec.input)}

${tr('export:gan.doc3', { mean, std })}
"""
import argparse
import contextlib
import json
import os
import struct

import torch
import torch.distributed as dist
from torch import nn
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import BatchSampler, DistributedSampler

from discriminator.model import DATASET, HERE as DISCRIMINATOR_DIR, IDX_FILES, MEAN, STD, ${d.className}, find_idx, load_mnist
from generator.model import HERE as GENERATOR_DIR, LATENT_DIM, ${g}${conditional ? ', DIGITS' : ''}

${loopConstants(generator.hyper)}
ROOT = os.path.dirname(os.path.abspath(__file__))


${SAVE_SAFETENSORS}


${parseArgs("os.path.join(ROOT, 'data')")}


${DISTRIBUTED}


def train(args, rank, world, device):
    amp = args.amp and device.type == 'cuda'
    if args.amp and not amp and rank == 0:
        print(f'--amp needs a CUDA GPU: training in float32 on {device}')
    autocast = (lambda: torch.autocast('cuda', dtype=torch.float16)) if amp else contextlib.nullcontext
    torch.manual_seed(SEED + rank)
    [(train_images, ${conditional ? 'train_labels' : '_'})] = read_dataset(args, ('train',), rank, world, device)

    generator = ${g}().load_weights(os.path.join(GENERATOR_DIR, 'weights.safetensors')).to(device)
    discriminator = ${d.className}().load_weights(os.path.join(DISCRIMINATOR_DIR, 'weights.safetensors')).to(device)
    g_net, d_net = distributed(generator, device, world), distributed(discriminator, device, world)
    g_optimizer = ${optimizerCall(generator.hyper, 'generator')}
    d_optimizer = ${optimizerCall(discriminator.hyper, 'discriminator')}
    loss_fn = ${lastIsSigmoid ? 'nn.BCELoss()' : 'nn.BCEWithLogitsLoss()'}
    scaler = torch.cuda.amp.GradScaler(enabled=amp)
    ${tr('export:gan.shuffle')}
    sampler = DistributedSampler(range(len(train_images)), num_replicas=world, rank=rank, shuffle=True, seed=SEED)
    batches = BatchSampler(sampler, BATCH_SIZE // world, drop_last=True)

    def judge(images${conditional ? ', digits' : ''}):
        with autocast():
            return d_net(images${conditional ? ', digits' : ''}).float().flatten()

    for epoch in range(args.epochs):
        generator.train()
        discriminator.train()
        sampler.set_epoch(epoch)
        d_sum, g_sum, steps = torch.zeros((), device=device), torch.zeros((), device=device), 0
        for batch in batches:
            real = (train_images[torch.tensor(batch, device=device)].float() / 255 - MEAN) / STD${
              conditional
                ? `
            real_y = train_labels[torch.tensor(batch, device=device)].long()
            fake_y = torch.randint(0, DIGITS, (len(batch),), device=device)`
                : ''
            }
            with autocast():
                fake = g_net(torch.randn(len(batch), LATENT_DIM, device=device)${conditional ? ', fake_y' : ''})
            ones, zeros = torch.ones(len(batch), device=device), torch.zeros(len(batch), device=device)

            ${tr('export:gan.discriminatorStep')}
            d_optimizer.zero_grad()
            with d_net.no_sync() if world > 1 else contextlib.nullcontext():
                d_real = loss_fn(judge(real${conditional ? ', real_y' : ''}), ones)
                scaler.scale(d_real).backward()
            d_fake = loss_fn(judge(fake.detach()${conditional ? ', fake_y' : ''}), zeros)
            scaler.scale(d_fake).backward()
            scaler.step(d_optimizer)

            ${tr('export:gan.generatorStep')}
            g_optimizer.zero_grad()
            g_loss = loss_fn(judge(fake${conditional ? ', fake_y' : ''}), ones)
            scaler.scale(g_loss).backward()
            scaler.step(g_optimizer)
            scaler.update()
            d_sum += (d_real + d_fake).detach()
            g_sum += g_loss.detach()
            steps += 1
        d_loss, g_loss, steps = summed([d_sum.item(), g_sum.item(), steps], world, device)
        if rank == 0:
            save_safetensors(generator.state_dict(), os.path.join(GENERATOR_DIR, 'trained.safetensors'))
            save_safetensors(discriminator.state_dict(), os.path.join(DISCRIMINATOR_DIR, 'trained.safetensors'))
            print(f'epoch {epoch + 1}: discriminator loss {d_loss / max(steps, 1):.4f}, generator loss {g_loss / max(steps, 1):.4f}')

    if rank == 0:
        print('saved trained.safetensors in generator/ and discriminator/: import them in CNN Playground')


def main():
    args = parse_args()
    rank, world, device = start_processes(args.device)
    train(args, rank, world, device)
    if world > 1:
        ${tr('export:train.destroy')}
        dist.destroy_process_group()


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
  const condition = ganCondition(discriminator.spec);
  for (const [folder, half] of [
    ['generator', generator],
    ['discriminator', discriminator],
  ] as const) {
    entries.push({
      name: `${folder}/model.py`,
      data: text(exportModelPy(half.spec, { condition })),
      deflate: true,
    });
    entries.push({ name: `${folder}/weights.safetensors`, data: exportWeights(half.spec, half.weights) });
  }
  if (options.samples) {
    entries.push({ name: 'discriminator/samples.safetensors', data: exportSamples(options.samples) });
  }
  entries.push({ name: 'train.py', data: text(exportGanTrainPy(generator, discriminator)), deflate: true });
  entries.push({ name: CONVERTER_NAME, data: text(exportConvertPy()), deflate: true });
  entries.push({
    name: 'README.txt',
    deflate: true,
    data: text(
      [
        'A GAN exported from CNN Playground.',
        '',
        'generator/      the generator: model.py (python3 generator/model.py prints sample statistics)',
        'discriminator/  the discriminator: model.py (python3 discriminator/model.py judges test images)',
        '                each with weights.safetensors, its PyTorch state_dict as F32 safetensors',
        "train.py        continues training both with the playground's settings",
        `${CONVERTER_NAME}   a PyTorch .pt checkpoint -> .safetensors for the playground`,
        ...trainingNotes(discriminator.spec.input, true),
        '',
        "Needs PyTorch only (e.g. Debian's python3-torch or pip install torch).",
        '',
      ].join('\n'),
    ),
  });
  return writeZip(entries, options.modified);
}
