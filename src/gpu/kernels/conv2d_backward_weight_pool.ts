import source from '../../../shaders/conv2d_backward_weight_pool.wgsl?raw';
import type { KernelSpec } from '../kernel';

/**
 * Split-K partial weight (and bias) gradients of a conv -> ReLU -> 2x2/2 max-pool chain from the pooled dy
 * and the pool's argmax; a thread owns one (co, ci) and kyTile (<= 5) rows of kw (<= 8) taps.
 */
export function conv2dBackwardWeightPoolSpec(v: {
  kw: number;
  kyTile: number;
  hasBias: boolean;
}): KernelSpec {
  return {
    name: 'conv2d_backward_weight_pool',
    source,
    workgroupSize: [64],
    constants: { KW: v.kw, KY_TILE: v.kyTile, HAS_BIAS: Number(v.hasBias) },
  };
}
