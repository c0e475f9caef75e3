// The engine's optimizer settings from the user's hyperparameters (same mapping on both backends).
import type { OptimizerSettings } from '../model/gpu-model';
import type { Hyperparams } from '../network/hyper';

export function optimizerSettings(h: Hyperparams): OptimizerSettings {
  if (h.optimizer === 'sgd') {
    return { kind: 'sgd', lr: h.lr, momentum: h.momentum, nesterov: h.nesterov, weightDecay: h.weightDecay };
  }
  return {
    kind: h.optimizer,
    lr: h.lr,
    beta1: h.beta1,
    beta2: h.beta2,
    eps: h.eps,
    weightDecay: h.weightDecay,
  };
}
