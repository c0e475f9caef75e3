import source from '../../../shaders/softmax_cross_entropy2d.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_INDEX } from './common';

/** Per-pixel cross-entropy; the planner sets WRITE_PROBS and SMOOTH (label_smoothing > 0). */
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
  ],
  uniformStruct: 'Params',
  workgroupSize: [64],
};
