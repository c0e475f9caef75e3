import source from '../../../shaders/softmax_cross_entropy2d.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_INDEX } from './common';

/** Per-pixel cross-entropy; the planner sets WRITE_PROBS, SMOOTH (label_smoothing > 0) and WEIGHTED (class weights). */
export const softmaxCrossEntropy2dSpec: KernelSpec = {
  name: 'softmax_cross_entropy2d',
  source,
  common: [COMMON_INDEX],
  bindings: [
    { name: 'params', access: 'uniform' },
    { name: 'logits', access: 'read-only-storage' },
    { name: 'labels', access: 'read-only-storage' },
    { name: 'dlogits', access: 'storage' },
    { name: 'probs', access: 'storage' },
    { name: 'partial', access: 'storage' },
    { name: 'weights', access: 'read-only-storage' },
  ],
  uniformStruct: 'Params',
  workgroupSize: [64],
};
