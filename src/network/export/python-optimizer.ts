// The playground's optimizer and loop settings as Python for the training scripts (train.py, the GAN's and
// the dense tasks'), and in words for their docstrings.
import type { Hyperparams } from '../hyper';
import { pyBool, pyFloat, pyInt } from './python-syntax';

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
