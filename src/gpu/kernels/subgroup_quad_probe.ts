import source from '../../../shaders/subgroup_quad_probe.wgsl?raw';
import type { KernelSpec } from '../kernel';

/** Probes whether quads of subgroup lanes are quads of consecutive invocations (needs 'subgroups'). */
export const subgroupQuadProbeSpec: KernelSpec = {
  name: 'subgroup_quad_probe',
  source,
  workgroupSize: [64],
};
