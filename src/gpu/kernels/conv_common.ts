// shaders/common/ pieces shared by conv kernels: the geometry uniform struct and bounds helpers, the row
// and weight-gradient stores of the direct kernels, and the quad gather of the subgroup kernels.
import convWgsl from '../../../shaders/common/conv.wgsl?raw';
import rowStoreWgsl from '../../../shaders/common/conv_row_store.wgsl?raw';
import quadWgsl from '../../../shaders/common/quad.wgsl?raw';
import weightGradStoreWgsl from '../../../shaders/common/conv_weight_grad_store.wgsl?raw';

export const COMMON_CONV = convWgsl;
export const COMMON_CONV_ROW_STORE = rowStoreWgsl;
export const COMMON_WEIGHT_GRAD_STORE = weightGradStoreWgsl;
export const COMMON_QUAD = quadWgsl;
