// train.py: continues training an exported model.py on the real dataset with the playground's optimizer
// settings, on any device and under torchrun, and saves F32 safetensors the playground can import again.
import { tr } from '../../i18n';
import { definitionOf } from '../../layers';
import type { Hyperparams } from '../hyper';
import { defaultLoss } from '../hyper';
import type { Task } from '../spec';
import { lossTerms, planExport, type ModelPyOptions } from './pytorch-code';
import { pyFloat } from './python-syntax';
import { isUserDataset } from '../dataset-input';
import { dataName } from './python-data';
import { DISTRIBUTED, parseArgs, SAVE_SAFETENSORS, USER_DISTRIBUTED, usage } from './python-training';
import type { NetworkSpec } from '../spec';
import { isDenseTask } from '../dense';
import { exportDenseTrainPy } from './dense-code';
import { describeHyper, loopConstants, optimizerCall } from './python-optimizer';
import { augments } from '../augment';
import { augmentSection } from './python-augment';

/** The loss module, the step's loss and the test sum (accuracy or loss) for a task. */
function taskParts(task: Task, h: Hyperparams, lastIsSigmoid: boolean) {
  if (task === 'classification') {
    return {
      loss:
        h.labelSmoothing > 0
          ? `nn.CrossEntropyLoss(label_smoothing=${pyFloat(h.labelSmoothing, 'labelSmoothing')})`
          : 'nn.CrossEntropyLoss()',
      step: 'loss = loss_fn(output.float(), labels)',
      test: '(output.argmax(dim=1) == labels).sum()',
      report: 'test accuracy {test:.2%}',
    };
  }
  if (task !== 'reconstruction') {
    throw new Error(`train.py covers classifiers and autoencoders; a ${task} trains inside its GAN pair`);
  }
  const kind = h.loss ?? defaultLoss(task);
  const loss = kind === 'mse' ? 'nn.MSELoss()' : lastIsSigmoid ? 'nn.BCELoss()' : 'nn.BCEWithLogitsLoss()';
  return {
    loss,
    step: 'loss = loss_fn(output.float().reshape(images.shape), images)',
    test: 'loss_fn(output.float().reshape(images.shape), images) * len(images)',
    report: 'test loss {test:.4f}',
  };
}

/** The complete train.py for a classifier or autoencoder (or a segmentation or detection network, see
 *  dense-code.ts); it imports the class and the data from model.py. */
export function exportTrainPy(spec: NetworkSpec, hyper: Hyperparams, options: ModelPyOptions = {}): string {
  if (isDenseTask(spec.task)) return exportDenseTrainPy(spec, hyper, options);
  const plan = planExport(spec, options);
  const task = plan.spec.task;
  const last = plan.spec.layers[plan.spec.layers.length - 1];
  const parts = taskParts(task, hyper, Boolean(definitionOf(last.kind).traits?.sigmoid));
  // Regularisers the forward pass computes (a VAE's KL term) join the training loss, as in the playground.
  const terms = lossTerms(plan.spec);
  for (const [cls, attribute] of terms) {
    parts.step += ` + sum(m.${attribute} for m in model.modules() if isinstance(m, ${cls}))`;
  }
  const imported = terms.map(([cls]) => `, ${cls}`).join('');
  const dataset = dataName(plan.spec.input);
  const user = isUserDataset(plan.spec.input.dataset);
  const args = parseArgs(
    "os.path.join(HERE, 'data')",
    `
    parser.add_argument('--weights', default=os.path.join(HERE, 'weights.safetensors'),
                        help='start from these weights, when the file exists (default: weights.safetensors)')
    parser.add_argument('--out', default=os.path.join(HERE, 'trained.safetensors'),
                        help='written after every epoch (default: trained.safetensors)')`,
    !user,
  );
  // Augmentation is a setting of the user's own data (the playground applies it to nothing else).
  const augment = user && augments(hyper.augment) ? hyper.augment : null;
  const settings = {
    hyper: describeHyper(hyper),
    batch: hyper.batchSize,
    epochs: hyper.epochs,
    seed: hyper.seed,
  };
  return `"""${tr('export:train.doc1', { className: plan.className, dataset })}
${tr('export:train.doc2', settings)}${augment ? `\n${tr('export:augment.doc')}` : ''}

${usage(plan.spec.input)}

${tr('export:train.doc3')}
"""
import argparse
import contextlib
import json
${augment ? 'import math\n' : ''}import os
import struct

import torch
import torch.distributed as dist
${augment ? 'import torch.nn.functional as F\n' : ''}from torch import nn
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import BatchSampler, DistributedSampler

from model import DATASET, HERE, IDX_FILES, MEAN, STD, ${plan.className}${imported}, find_idx, load_mnist

${loopConstants(hyper)}


${augment ? `${augmentSection(augment)}\n\n\n` : ''}${SAVE_SAFETENSORS}


${args}


${user ? USER_DISTRIBUTED : DISTRIBUTED}


def evaluate(model, loss_fn, test_images, test_labels, rank, world, autocast):
    """The test sum and the number of test images over the whole test set: each process takes every
    world-th image."""
    model.eval()
    total, count = torch.zeros((), device=test_images.device), 0
    with torch.no_grad():
        for index in torch.arange(rank, len(test_labels), world, device=test_images.device).split(1000):
            images, labels = test_images[index].float() / 255, test_labels[index]
            with autocast():
                output = model((images - MEAN) / STD)
            total += ${parts.test}
            count += len(index)
    return summed([total.item(), count], world, test_images.device)


def train(args, rank, world, device):
    amp = args.amp and device.type == 'cuda'
    if args.amp and not amp and rank == 0:
        print(f'--amp needs a CUDA GPU: training in float32 on {device}')
    autocast = (lambda: torch.autocast('cuda', dtype=torch.float16)) if amp else contextlib.nullcontext
    torch.manual_seed(SEED + rank)
    (train_images, train_labels), (test_images, test_labels) = read_dataset(args, ('train', 'test'), rank, world, device)

    model = ${plan.className}()
    if os.path.exists(args.weights):
        model.load_weights(args.weights)
    model.to(device)
    net = distributed(model, device, world)
    optimizer = ${optimizerCall(hyper)}
    loss_fn = ${parts.loss}
    scaler = torch.cuda.amp.GradScaler(enabled=amp)
    ${tr('export:train.shuffle')}
    sampler = DistributedSampler(range(len(train_labels)), num_replicas=world, rank=rank, shuffle=True, seed=SEED)
    batches = BatchSampler(sampler, BATCH_SIZE // world, drop_last=False)

    for epoch in range(args.epochs):
        net.train()
        sampler.set_epoch(epoch)
        loss_sum, seen = torch.zeros((), device=device), 0
        for batch in batches:
            index = torch.tensor(batch, device=device)
            images, labels = train_images[index].float() / 255, train_labels[index]${augment ? '\n            images = augment(images)' : ''}
            optimizer.zero_grad()
            with autocast():
                output = net((images - MEAN) / STD)
            ${parts.step}
            scaler.scale(loss).backward()
            scaler.step(optimizer)
            scaler.update()
            loss_sum += loss.detach() * len(batch)
            seen += len(batch)
        train_loss, train_seen = summed([loss_sum.item(), seen], world, device)
        test_total, test_seen = evaluate(model, loss_fn, test_images, test_labels, rank, world, autocast)
        test = test_total / test_seen
        if rank == 0:
            save_safetensors(model.state_dict(), args.out)
            print(f'epoch {epoch + 1}: train loss {train_loss / train_seen:.4f}, ${parts.report}')

    if rank == 0:
        print(f'saved {args.out}: import it in CNN Playground, or load it with model.load_weights()')


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
