// Whether a device can run the kernels that share loads across quads of subgroup lanes. They need the
// 'subgroups' feature and a lane layout WGSL does not promise (quads of lanes = quads of consecutive
// invocations), so acquireGpu probes it once per device and planners read the answer here.
import { createBuffer, readBuffer } from './buffers';
import { bindKernel, getKernel } from './kernel';
import { subgroupQuadProbeSpec } from './kernels/subgroup_quad_probe';

const quadLanes = new WeakMap<GPUDevice, boolean>();

/** True once probeQuadLanes has found the layout on this device; false before or without it. */
export function hasQuadLanes(device: GPUDevice): boolean {
  return quadLanes.get(device) ?? false;
}

/** Runs the probe (one workgroup of 64) where the device has 'subgroups' and records the answer. */
export async function probeQuadLanes(device: GPUDevice): Promise<boolean> {
  if (!device.features.has('subgroups')) return false;
  const kernel = getKernel(device, subgroupQuadProbeSpec);
  const ok = createBuffer(device, 'subgroup-probe', 64 * 4);
  try {
    const group = bindKernel(device, kernel, { ok: { buffer: ok } }, 'subgroup-probe');
    const encoder = device.createCommandEncoder({ label: 'subgroup-probe' });
    const pass = encoder.beginComputePass({ label: 'subgroup-probe' });
    pass.setPipeline(kernel.pipeline);
    pass.setBindGroup(0, group);
    pass.dispatchWorkgroups(1);
    pass.end();
    device.queue.submit([encoder.finish()]);
    const lanes = new Uint32Array(await readBuffer(device, ok, 64 * 4));
    const found = lanes.every((v) => v === 1);
    quadLanes.set(device, found);
    return found;
  } finally {
    ok.destroy();
  }
}
