import source from '../../../shaders/centernet_decode.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_INDEX } from './common';

/** Peaks of the detection heatmaps and their boxes, one thread per cell. */
export const centerNetDecodeSpec: KernelSpec = {
  name: 'centernet_decode',
  source,
  common: [COMMON_INDEX],
  bindings: [
    { name: 'params', access: 'uniform' },
    { name: 'output', access: 'read-only-storage' },
    { name: 'decoded', access: 'storage' },
  ],
  uniformStruct: 'Params',
  workgroupSize: [64],
};
