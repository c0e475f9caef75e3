// CPU reference of the optimizers with PyTorch's exact semantics (torch.optim.SGD, Adam, AdamW in 1.13),
// updating a flat parameter array in place, like shaders/sgd.wgsl and adam.wgsl.
import type { Floats } from './matmul';

export interface SgdHyper {
  lr: number;
  momentum?: number;
  dampening?: number;
  weightDecay?: number;
  nesterov?: boolean;
}

export interface AdamHyper {
  lr: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  weightDecay?: number;
  /** AdamW: decay the weights directly (p *= 1 - lr*wd) instead of adding wd*p to the gradient. */
  decoupled?: boolean;
}

export interface SgdState {
  momentumBuffer: Floats;
  /** Steps taken so far; incremented by each call. */
  step: number;
}

export interface AdamState {
  expAvg: Floats;
  expAvgSq: Floats;
  step: number;
}

export function sgdState(n: number): SgdState {
  return { momentumBuffer: new Float32Array(n), step: 0 };
}

export function adamState(n: number): AdamState {
  return { expAvg: new Float32Array(n), expAvgSq: new Float32Array(n), step: 0 };
}

export function sgdStep(params: Floats, grads: Floats, state: SgdState, h: SgdHyper): void {
  const { lr, momentum = 0, dampening = 0, weightDecay = 0, nesterov = false } = h;
  state.step++;
  const buf = state.momentumBuffer;
  for (let i = 0; i < params.length; i++) {
    let g = grads[i] + weightDecay * params[i];
    if (momentum !== 0) {
      // PyTorch starts the buffer as a copy of the first gradient (no dampening on step 1).
      buf[i] = state.step === 1 ? g : momentum * buf[i] + (1 - dampening) * g;
      g = nesterov ? g + momentum * buf[i] : buf[i];
    }
    params[i] -= lr * g;
  }
}

export function adamStep(params: Floats, grads: Floats, state: AdamState, h: AdamHyper): void {
  const { lr, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, decoupled = false } = h;
  // PyTorch defaults: Adam 0, AdamW 0.01.
  const weightDecay = h.weightDecay ?? (decoupled ? 0.01 : 0);
  const t = ++state.step;
  const bc1 = 1 - beta1 ** t;
  const bc2Sqrt = Math.sqrt(1 - beta2 ** t);
  const { expAvg: m, expAvgSq: v } = state;
  for (let i = 0; i < params.length; i++) {
    let g = grads[i];
    if (decoupled) params[i] *= 1 - lr * weightDecay;
    else g += weightDecay * params[i];
    m[i] = beta1 * m[i] + (1 - beta1) * g;
    v[i] = beta2 * v[i] + (1 - beta2) * g * g;
    params[i] -= ((lr / bc1) * m[i]) / (Math.sqrt(v[i]) / bc2Sqrt + eps);
  }
}
