// Small helpers shared by the planners: a planned dispatch is a pipeline, a bind group and workgroup counts,
// all fixed at plan time, so encoding a step only replays them.
import { packUniforms, type Kernel } from '../../gpu/kernel';
import type { EngineContext, PlannedOp } from '../op';
import { sizeOf, type Tensor } from '../tensor';

export interface Dispatch {
  readonly pipeline: GPUComputePipeline;
  readonly bindGroup: GPUBindGroup;
  readonly workgroups: readonly [number, number?, number?];
}

/** A uniform buffer from the arena holding `values` packed by the kernel's WGSL struct layout. */
export function uniformsFor(
  ctx: EngineContext,
  kernel: Kernel,
  name: string,
  values: Readonly<Record<string, number>>,
): GPUBuffer {
  const buffer = ctx.arena.uniform(name, kernel.uniformSize);
  ctx.device.queue.writeBuffer(buffer, 0, packUniforms(kernel, values));
  return buffer;
}

export function encodeDispatches(pass: GPUComputePassEncoder, dispatches: readonly Dispatch[]): void {
  for (const d of dispatches) {
    pass.setPipeline(d.pipeline);
    pass.setBindGroup(0, d.bindGroup);
    pass.dispatchWorkgroups(d.workgroups[0], d.workgroups[1] ?? 1, d.workgroups[2] ?? 1);
  }
}

export function plannedOp(label: string, dispatches: readonly Dispatch[]): PlannedOp {
  return { label, encode: (pass) => encodeDispatches(pass, dispatches) };
}

/** Several planned ops encoded in order as one. */
export function sequence(label: string, ops: readonly PlannedOp[]): PlannedOp {
  return { label, encode: (pass) => ops.forEach((op) => op.encode(pass)) };
}

/** Throws a specific message unless `t` has exactly `shape`. */
export function expectShape(what: string, t: Tensor, shape: readonly number[]): void {
  if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
    throw new Error(`${what}: expected shape [${shape}], got [${t.shape}]`);
  }
}

/** Throws unless `t` has `count` elements. */
export function expectSize(what: string, t: Tensor, count: number): void {
  if (sizeOf(t.shape) !== count) throw new Error(`${what}: expected ${count} elements, got [${t.shape}]`);
}
