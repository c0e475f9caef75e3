import source from '../../../shaders/softmax_cross_entropy2d.wgsl?raw';
import type { KernelSpec } from '../kernel';

/** Per-pixel cross-entropy; the planner sets WRITE_PROBS, SMOOTH (label_smoothing > 0) and WEIGHTED (class weights). */
export const softmaxCrossEntropy2dSpec: KernelSpec = {
  name: 'softmax_cross_entropy2d',
  source,
  workgroupSize: [64],
};
