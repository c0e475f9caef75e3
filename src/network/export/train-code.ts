// train.py: continues training an exported model.py on the real dataset with torchvision, using the
// playground's optimizer settings, and saves F32 safetensors the playground can import again.
import { definitionOf } from '../../layers';
import type { Hyperparams } from '../hyper';
import { defaultLoss } from '../hyper';
import type { Task } from '../spec';
import { planExport, type ModelPyOptions } from './pytorch-code';
import { pyBool, pyFloat, pyInt } from './python-syntax';
import { TORCHVISION_DATASET } from './python-snippets';
import type { NetworkSpec } from '../spec';

const OPTIMIZER_NAMES = { sgd: 'SGD', adam: 'Adam', adamw: 'AdamW' } as const;

/** The torch.optim constructor with the playground's settings, for the parameters of `module`. */
export function optimizerCall(h: Hyperparams, module = 'model'): string {
  const lr = pyFloat(h.lr, 'lr');
  const decay = pyFloat(h.weightDecay, 'weightDecay');
  const params = `${module}.parameters()`;
  if (h.optimizer === 'sgd') {
    const momentum = pyFloat(h.momentum, 'momentum');
    return `torch.optim.SGD(${params}, lr=${lr}, momentum=${momentum}, nesterov=${pyBool(h.nesterov, 'nesterov')}, weight_decay=${decay})`;
  }
  if (!Object.hasOwn(OPTIMIZER_NAMES, h.optimizer)) {
    throw new Error(`unknown optimizer ${JSON.stringify(h.optimizer)}`);
  }
  const betas = `(${pyFloat(h.beta1, 'beta1')}, ${pyFloat(h.beta2, 'beta2')})`;
  return `torch.optim.${OPTIMIZER_NAMES[h.optimizer]}(${params}, lr=${lr}, betas=${betas}, eps=${pyFloat(h.eps, 'eps')}, weight_decay=${decay})`;
}

/** The settings in words for a docstring; every value is type-checked like the code's. */
export function describeHyper(h: Hyperparams): string {
  const optimizer =
    h.optimizer === 'sgd'
      ? `SGD with momentum ${pyFloat(h.momentum, 'momentum')}${pyBool(h.nesterov, 'nesterov') === 'True' ? ' (Nesterov)' : ''}`
      : `${OPTIMIZER_NAMES[h.optimizer]} with betas (${pyFloat(h.beta1, 'beta1')}, ${pyFloat(h.beta2, 'beta2')})`;
  return `${optimizer}, learning rate ${pyFloat(h.lr, 'lr')}, weight decay ${pyFloat(h.weightDecay, 'weightDecay')}`;
}

/** The loop settings shared by both scripts. */
export function loopConstants(h: Hyperparams): string {
  return `EPOCHS = ${pyInt(h.epochs, 'epochs')}\nBATCH_SIZE = ${pyInt(h.batchSize, 'batchSize')}\nSEED = ${pyInt(h.seed, 'seed')}`;
}

export const SAVE_SAFETENSORS = `def save_safetensors(state_dict, path):
    """Writes the float tensors of a state_dict as F32 safetensors, which CNN Playground can import."""
    header, chunks, offset = {}, [], 0
    for name, tensor in state_dict.items():
        if not tensor.is_floating_point():
            continue
        data = tensor.detach().float().contiguous().cpu().numpy().tobytes()
        header[name] = {'dtype': 'F32', 'shape': list(tensor.shape), 'data_offsets': [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    text = json.dumps(header).encode()
    text += b' ' * (-len(text) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(text)) + text + b''.join(chunks))`;

/** The loss module and the per-epoch evaluation for a task. */
function taskParts(task: Task, h: Hyperparams, lastIsSigmoid: boolean) {
  if (task === 'classification') {
    return {
      loss:
        h.labelSmoothing > 0
          ? `nn.CrossEntropyLoss(label_smoothing=${pyFloat(h.labelSmoothing, 'labelSmoothing')})`
          : 'nn.CrossEntropyLoss()',
      step: 'loss = loss_fn(model((images - MEAN) / STD), labels)',
      test: 'total += (model((images - MEAN) / STD).argmax(dim=1) == labels).sum().item()',
      report: 'test accuracy {total / len(test_set):.2%}',
    };
  }
  if (task !== 'reconstruction') {
    throw new Error(`train.py covers classifiers and autoencoders; a ${task} trains inside its GAN pair`);
  }
  const kind = h.loss ?? defaultLoss(task);
  const loss = kind === 'mse' ? 'nn.MSELoss()' : lastIsSigmoid ? 'nn.BCELoss()' : 'nn.BCEWithLogitsLoss()';
  return {
    loss,
    step: 'loss = loss_fn(model((images - MEAN) / STD).reshape(images.shape), images)',
    test: 'total += loss_fn(model((images - MEAN) / STD).reshape(images.shape), images).item() * len(images)',
    report: 'test loss {total / len(test_set):.4f}',
  };
}

/** The complete train.py for a classifier or autoencoder; it imports the class from model.py. */
export function exportTrainPy(spec: NetworkSpec, hyper: Hyperparams, options: ModelPyOptions = {}): string {
  const plan = planExport(spec, options);
  const task = plan.spec.task;
  const last = plan.spec.layers[plan.spec.layers.length - 1];
  const parts = taskParts(task, hyper, Boolean(definitionOf(last.kind).traits?.sigmoid));
  const dataset = TORCHVISION_DATASET[plan.spec.input.dataset];
  return `"""Continues training ${plan.className} (model.py) on ${dataset} with the settings used in CNN Playground:
${describeHyper(hyper)}, batch size ${hyper.batchSize}, ${hyper.epochs} epochs, seed ${hyper.seed}.

    python3 train.py    # needs torchvision; starts from weights.safetensors, writes trained.safetensors

The seed makes this script repeatable; PyTorch draws different random numbers than the playground,
so the run will not match the browser's step for step.
"""
import json
import os
import struct

import torch
from torch import nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from model import HERE, MEAN, STD, ${plan.className}

${loopConstants(hyper)}


${SAVE_SAFETENSORS}


def main():
    torch.manual_seed(SEED)
    train_set = datasets.${dataset}('data', train=True, download=True, transform=transforms.ToTensor())
    test_set = datasets.${dataset}('data', train=False, download=True, transform=transforms.ToTensor())
    train_loader = DataLoader(train_set, batch_size=BATCH_SIZE, shuffle=True)
    test_loader = DataLoader(test_set, batch_size=1000)

    model = ${plan.className}()
    weights = os.path.join(HERE, 'weights.safetensors')
    if os.path.exists(weights):
        model.load_weights(weights)
    optimizer = ${optimizerCall(hyper)}
    loss_fn = ${parts.loss}

    for epoch in range(EPOCHS):
        model.train()
        for images, labels in train_loader:
            optimizer.zero_grad()
            ${parts.step}
            loss.backward()
            optimizer.step()
        model.eval()
        total = 0
        with torch.no_grad():
            for images, labels in test_loader:
                ${parts.test}
        print(f'epoch {epoch + 1}: last batch loss {loss.item():.4f}, ${parts.report}')

    save_safetensors(model.state_dict(), os.path.join(HERE, 'trained.safetensors'))
    print('saved trained.safetensors: import it in CNN Playground, or load it with model.load_weights()')


if __name__ == '__main__':
    main()
`;
}
