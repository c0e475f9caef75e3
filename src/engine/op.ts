// An op is planned once when a model is built (kernel chosen by shape, uniforms written, bind groups made)
// and then only encoded, step after step: nothing is allocated on the hot path.
import type { BufferArena } from '../gpu/buffers';

export interface EngineContext {
  readonly device: GPUDevice;
  /** Owns every buffer the ops create (uniforms, scratch); destroyed with the model. */
  readonly arena: BufferArena;
}

export interface PlannedOp {
  /** Label for debugging and per-op timing. */
  readonly label: string;
  /** Records this op's dispatches into an open compute pass. */
  encode(pass: GPUComputePassEncoder): void;
}

/** Encodes a list of planned ops into one compute pass of one encoder. */
export function encodeAll(pass: GPUComputePassEncoder, ops: readonly PlannedOp[]): void {
  for (const op of ops) op.encode(pass);
}
