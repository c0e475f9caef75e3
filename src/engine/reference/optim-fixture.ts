// The optimizer golden fixture (scripts/fixtures/ops_optim.py) typed, shared by the CPU and GPU tests.
import type { AdamHyper, SgdHyper } from './optimizer';

// PyTorch updates in f32; this in float64 over 3 steps. Adam's 1 - b2^t in f32 differs by ~1e-5 relative.
export const OPTIM_TOL = { atol: 1e-6, rtol: 1e-5 };

export interface OptimCase {
  kind: 'sgd' | 'adam' | 'adamw';
  hyper: {
    lr: number;
    momentum?: number;
    dampening?: number;
    weight_decay?: number;
    nesterov?: boolean;
    beta1?: number;
    beta2?: number;
    eps?: number;
  };
  params: number[];
  grads: number[][];
  after: number[][];
}

/** The fixture's PyTorch keyword arguments as this project's hyperparameters. */
export function hyperOf(c: OptimCase): SgdHyper | AdamHyper {
  const h = c.hyper;
  if (c.kind === 'sgd') {
    return {
      lr: h.lr,
      momentum: h.momentum,
      dampening: h.dampening,
      weightDecay: h.weight_decay,
      nesterov: h.nesterov,
    };
  }
  return {
    lr: h.lr,
    beta1: h.beta1,
    beta2: h.beta2,
    eps: h.eps,
    weightDecay: h.weight_decay,
    decoupled: c.kind === 'adamw',
  };
}
