// The shared WGSL helpers of shaders/common/, by the name a kernel's WGSL gives them on its
// `// common: a b` line; the helpers named there are prepended to the kernel, in that order.
import activationWgsl from '../../../shaders/common/activation.wgsl?raw';
import augmentWgsl from '../../../shaders/common/augment.wgsl?raw';
import concatWgsl from '../../../shaders/common/concat.wgsl?raw';
import convWgsl from '../../../shaders/common/conv.wgsl?raw';
import convPoolQuadWgsl from '../../../shaders/common/conv_pool_quad.wgsl?raw';
import convForwardWgsl from '../../../shaders/common/conv_forward.wgsl?raw';
import convRowStoreWgsl from '../../../shaders/common/conv_row_store.wgsl?raw';
import convTileWgsl from '../../../shaders/common/conv_tile.wgsl?raw';
import convWeightGradStoreWgsl from '../../../shaders/common/conv_weight_grad_store.wgsl?raw';
import elementwiseLossWgsl from '../../../shaders/common/elementwise_loss.wgsl?raw';
import flatWgsl from '../../../shaders/common/flat.wgsl?raw';
import hashWgsl from '../../../shaders/common/hash.wgsl?raw';
import indexWgsl from '../../../shaders/common/index.wgsl?raw';
import lanesWgsl from '../../../shaders/common/lanes.wgsl?raw';
import logitsWgsl from '../../../shaders/common/logits.wgsl?raw';
import matmulWgsl from '../../../shaders/common/matmul.wgsl?raw';
import normWgsl from '../../../shaders/common/norm.wgsl?raw';
import normChunksWgsl from '../../../shaders/common/norm_chunks.wgsl?raw';
import optimizerWgsl from '../../../shaders/common/optimizer.wgsl?raw';
import planeGridWgsl from '../../../shaders/common/plane_grid.wgsl?raw';
import poolWgsl from '../../../shaders/common/pool.wgsl?raw';
import poolWindowsWgsl from '../../../shaders/common/pool_windows.wgsl?raw';
import quadWgsl from '../../../shaders/common/quad.wgsl?raw';
import reparameterizeWgsl from '../../../shaders/common/reparameterize.wgsl?raw';
import softmaxWgsl from '../../../shaders/common/softmax.wgsl?raw';

export const COMMON_WGSL: Readonly<Record<string, string>> = {
  /** The 1-D kernels' params binding, WG_X, flat_index and the 2-D fold of large 1-D dispatches. */
  index: indexWgsl,
  /** The entry point of the 1-D kernels that only guard their index: calls the kernel's run(i) below threads(). */
  flat: flatWgsl,
  /** live_lanes: which lanes of a vec4 over a flat array hold elements (masks the padded tail). */
  lanes: lanesWgsl,
  /** The activation functions and derivatives (on vec4) and the activation kernels' uniform struct. */
  activation: activationWgsl,
  /** The conv geometry uniform struct and bounds helpers. */
  conv: convWgsl,
  /** The bindings of the conv kernels that write y from x and weight (forward and transposed). */
  conv_forward: convForwardWgsl,
  /** The register tile and sliding x window of the direct, quad and depthwise conv kernels. */
  conv_tile: convTileWgsl,
  /** The 2x2 max-pool epilogue of the fused conv + pool quad kernel: shuffles, windows, pooled stores. */
  conv_pool_quad: convPoolQuadWgsl,
  /** The row store of the direct conv kernels. */
  conv_row_store: convRowStoreWgsl,
  /** The weight-gradient store of the direct conv kernels. */
  conv_weight_grad_store: convWeightGradStoreWgsl,
  /** The quad gather of the subgroup conv kernels. */
  quad: quadWgsl,
  /** The classification kernels' logits and labels, their first maximum, the NaN loss of a bad label. */
  logits: logitsWgsl,
  /** The matmul kernels' contract: uniforms, bindings, overrides, operand loads and the 4x4 block store. */
  matmul: matmulWgsl,
  /** The BatchNorm2d and GroupNorm elementwise passes' uniforms, bindings and channel index. */
  norm: normWgsl,
  /** BatchNorm2d's chunked passes: uniforms and the walk over a chunk of a channel's values. */
  norm_chunks: normChunksWgsl,
  /** The optimizers' step, gradient and parameter bindings, thread count and masked parameter store. */
  optimizer: optimizerWgsl,
  /** The grid, uniforms and tap struct of the per-plane image kernels (upsample, adaptive pooling). */
  plane_grid: planeGridWgsl,
  /** The flat pooling kernels' uniforms, an output's window, an input's position, the first window. */
  pool: poolWgsl,
  /** The division-free grid of the max_pool2d *_windows kernels. */
  pool_windows: poolWindowsWgsl,
  /** pcg3d_x (a counter-based hash) and normal_noise (Box-Muller on it): noise as a pure function of (i, step, seed). */
  hash: hashWgsl,
  /** Channel concat's uniforms, grid and entry point; the kernel defines copy(d, s). */
  concat: concatWgsl,
  /** MSE and BCE's uniforms, targets and partial sums, and a thread's chunk. */
  elementwise_loss: elementwiseLossWgsl,
  /** The VAE sampling step's uniforms, input, mu index and noise. */
  reparameterize: reparameterizeWgsl,
  /** The augmenting gather's uniforms (its draw and gather passes share one buffer) and the draws' layout. */
  augment: augmentWgsl,
  /** The softmax layer's uniforms, grid and entry point; the kernel defines run(base). */
  softmax: softmaxWgsl,
};
