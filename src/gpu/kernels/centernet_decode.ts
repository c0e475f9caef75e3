import source from '../../../shaders/centernet_decode.wgsl?raw';
import type { KernelSpec } from '../kernel';

/** Peaks of the detection heatmaps and their boxes, one thread per cell. */
export const centerNetDecodeSpec: KernelSpec = {
  name: 'centernet_decode',
  source,
  workgroupSize: [64],
};
