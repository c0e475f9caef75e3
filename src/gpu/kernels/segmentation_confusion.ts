import source from '../../../shaders/segmentation_confusion.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_INDEX } from './common';

/** Per-pixel argmax counted into a confusion matrix; the planner sets WRITE_PRED. */
export const segmentationConfusionSpec: KernelSpec = {
  name: 'segmentation_confusion',
  source,
  common: [COMMON_INDEX],
  bindings: [
    { name: 'params', access: 'uniform' },
    { name: 'logits', access: 'read-only-storage' },
    { name: 'labels', access: 'read-only-storage' },
    { name: 'confusion', access: 'storage' },
    { name: 'predicted', access: 'storage' },
  ],
  uniformStruct: 'Params',
  workgroupSize: [64],
};
