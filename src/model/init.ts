// PyTorch's default initialisation, drawn on the CPU from a seeded source so every backend starts equal:
// each tensor as its definition says (conv/linear weights kaiming_uniform(a=√5), i.e. U(±1/√fan_in),
// biases U(±1/√fan_in); norm weights 1 and biases 0; running_mean 0, running_var 1).
import type { FlatTensor } from '../layers/plans';
import type { ModelDescription } from './describe';

export interface InitialState {
  params: Float32Array;
  buffers: Float32Array;
}

function fill(view: Float32Array, t: FlatTensor, random: () => number): void {
  if (t.init === 'ones') view.fill(1);
  else if (t.init === 'zeros') view.fill(0);
  else {
    // kaiming_uniform with a=√5: gain √(2/(1+a²)) = √(1/3), bound = gain·√3/√fan_in = 1/√fan_in.
    const bound = 1 / Math.sqrt(t.fanIn);
    for (let i = 0; i < view.length; i++) view[i] = (2 * random() - 1) * bound;
  }
}

/** `random` returns uniform values in [0, 1) (e.g. a seeded Prng's next). */
export function initialState(desc: ModelDescription, random: () => number): InitialState {
  const params = new Float32Array(desc.paramFloats);
  const buffers = new Float32Array(desc.bufferFloats);
  for (const plan of desc.layers) {
    for (const t of plan.params) fill(params.subarray(t.offset, t.offset + t.size), t, random);
    for (const t of plan.buffers) fill(buffers.subarray(t.offset, t.offset + t.size), t, random);
  }
  return { params, buffers };
}
