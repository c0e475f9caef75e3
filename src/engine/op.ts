// An op is planned once when a model is built (kernel chosen by shape, uniforms written, bind groups made)
// and then only encoded, step after step: nothing is allocated on the hot path.
import type { BufferArena } from '../gpu/buffers';
import type { Tensor } from './tensor';

export interface EngineContext {
  readonly device: GPUDevice;
  /** Owns every buffer the ops create (uniforms, scratch); destroyed with the model. */
  readonly arena: BufferArena;
  /** Which kernel variant to plan at each tunable site; planners use their hand-picked rule without it. */
  readonly variants?: VariantChooser;
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

// A tunable site: one op at one shape whose planner can run several kernel variants. Planners describe
// their site (its key, the candidates that apply, the hand-picked default and a scratch problem to time
// them on); the context's VariantChooser answers which variant to plan (see tuning/).
/** The op at the site's shapes on scratch tensors: what the tuner times and the tests check. */
export interface TuningProblem {
  /** Plans the op with `variant` on tensors allocated in ctx.arena and filled with the problem's inputs. */
  plan(ctx: EngineContext, variant: string): { op: PlannedOp; output: Tensor };
  /** The same output computed by the CPU reference from the same inputs. */
  reference(): Float32Array;
}

export interface TunableSite {
  /** The op and every number its kernel choice depends on, e.g. 'conv2d.correlate n64 cin1 h28 ...'. */
  readonly key: string;
  /** Variants that can run this shape on this device, the hand-picked one among them. */
  readonly candidates: readonly string[];
  /** The planner's rule-based choice: used untuned, and kept unless another candidate clearly wins. */
  readonly handPicked: string;
  /** Builds the scratch problem (only when the site is timed or tested). */
  problem(): TuningProblem;
}

export interface VariantChooser {
  /** The variant to plan at this site (one of its candidates). */
  choose(site: TunableSite): string;
}
