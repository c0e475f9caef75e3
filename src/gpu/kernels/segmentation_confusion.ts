import source from '../../../shaders/segmentation_confusion.wgsl?raw';
import type { KernelSpec } from '../kernel';

/** Per-pixel argmax counted into a confusion matrix; the planner sets WRITE_PRED. */
export const segmentationConfusionSpec: KernelSpec = {
  name: 'segmentation_confusion',
  source,
  workgroupSize: [64],
};
