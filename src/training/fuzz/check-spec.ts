// One fuzzed design, end to end: analysed as the trainer analyses it, and then either refused with a
// plain message or built on the GPU and trained for one step inside WebGPU error scopes, its shapes and
// results checked against the network module's inference and (where affordable) the CPU reference, which
// the WebAssembly ops, when given, must then agree with too.
import type { CpuOps } from '../../engine/cpu-ops';
import { describeModel, type ModelDescription } from '../../model/describe';
import { initialState } from '../../model/init';
import { withErrorScopes } from '../../gpu/errors';
import { analyzeSpec, wireSpec, type SpecAnalysis } from '../../network/analyze';
import { DEFAULT_HYPER, type Hyperparams } from '../../network/hyper';
import { parseSpec, serializeSpec } from '../../network/serialize';
import type { NetworkSpec } from '../../network/spec';
import type { HostDataset, ModelState, TrainerBackend } from '../backend';
import { CpuBackend } from '../cpu-backend';
import { GpuBackend } from '../gpu-backend';
import { describeSpec } from '../model-spec';
import { Prng } from '../prng';
import { messageProblem } from './messages';

export type FuzzOutcome =
  | { kind: 'accepted'; comparedWithCpu: boolean; comparedWithWasm: boolean }
  | { kind: 'rejected'; message: string }
  | { kind: 'failure'; reason: string };

export interface CheckOptions {
  batchSize: number;
  /** Compare with the CPU reference when a step costs at most this many FLOPs (forward, whole batch). */
  cpuFlopBudget: number;
  seed: number;
  /**
   * The WebAssembly ops: each design compared with the CPU reference also takes its step on them and must
   * agree with the reference. Shared by every design (each build releases the last one's arrays).
   */
  wasm?: CpuOps;
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const same = (a: readonly number[] | null, b: readonly number[]) =>
  a !== null && a.length === b.length && a.every((v, i) => v === b[i]);

/** Checks one design on `device`; never throws (an unexpected exception is itself a failure). */
export async function checkSpec(device: GPUDevice, spec: NetworkSpec, o: CheckOptions): Promise<FuzzOutcome> {
  try {
    const maxBufferBytes = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
    const analysis = analyzeSpec(spec, { batchSize: o.batchSize, limits: { maxBufferBytes } });
    const fileProblem = checkFileRoundTrip(spec);
    if (fileProblem) return { kind: 'failure', reason: fileProblem };
    if (!analysis.valid) return refusal(spec, analysis, o.batchSize, maxBufferBytes);
    return await trainOneStep(device, spec, analysis, o, maxBufferBytes);
  } catch (error) {
    return { kind: 'failure', reason: `uncaught: ${error instanceof Error ? error.stack : String(error)}` };
  }
}

/** A saved file of the design loads back as the same design, or is refused with a plain message. */
function checkFileRoundTrip(spec: NetworkSpec): string | null {
  const saved = serializeSpec(spec);
  const parsed = parseSpec(saved);
  if (parsed.ok) return serializeSpec(parsed.spec) === saved ? null : 'the saved file loads back changed';
  const problem = messageProblem(parsed.error);
  return problem && `opening the saved file: ${problem}`;
}

function refusal(
  spec: NetworkSpec,
  analysis: SpecAnalysis,
  batch: number,
  maxBufferBytes: number,
): FuzzOutcome {
  const errors = analysis.issues.filter((i) => i.severity === 'error');
  if (errors.length === 0) return { kind: 'failure', reason: 'invalid without an error message' };
  for (const e of errors) {
    const problem = messageProblem(e.message);
    if (problem) return { kind: 'failure', reason: problem };
  }
  // The trainer must refuse it too, with a message of its own kind.
  if (spec.task === 'classification') {
    try {
      describeSpec(spec, batch, maxBufferBytes);
      return {
        kind: 'failure',
        reason: `the trainer accepted what the analysis refused: ${errors[0].message}`,
      };
    } catch (error) {
      const problem = messageProblem(error instanceof Error ? error.message : error);
      if (problem) return { kind: 'failure', reason: `the trainer's refusal: ${problem}` };
    }
  }
  return { kind: 'rejected', message: errors[0].message };
}

/** Random images (MNIST-like: mostly background) and labels within the output's class count. */
function syntheticData(pixels: number, count: number, classes: number, seed: number): HostDataset {
  const p = new Prng(seed);
  const images = Uint8Array.from({ length: count * pixels }, () => (p.next() < 0.8 ? 0 : p.int(256)));
  const labels = Uint8Array.from({ length: count }, (_, i) => i % Math.min(10, classes));
  const split = { images, labels, capacity: count, available: count };
  return { pixels, train: split, test: { ...split } };
}

interface StepResult {
  loss: number;
  samples: number;
  nonFinite: number;
  before: ModelState;
  after: ModelState;
  activations: Float32Array[];
}

/** Builds the model on `backend`, takes one training step and reads everything back. */
async function runStep(
  backend: TrainerBackend,
  desc: ModelDescription,
  hyper: Hyperparams,
  data: HostDataset,
): Promise<StepResult> {
  const init = initialState(
    desc,
    (() => {
      const p = new Prng(hyper.seed);
      return () => p.next();
    })(),
  );
  backend.syncDataset(data, 'train', 0, data.train.available);
  backend.syncDataset(data, 'test', 0, data.test.available);
  backend.build(desc, hyper, { params: init.params.slice(), buffers: init.buffers.slice() });
  // Outputs are read from the initial weights: after an Adam step, rounding noise has moved them apart.
  const image = new Float32Array(data.pixels).map((_, i) => data.train.images[i] / 255);
  const activations = await backend.activations(image);
  backend.setOrder(Uint32Array.from({ length: data.train.available }, (_, i) => i));
  backend.step(0, 0);
  const sums = await backend.takeSums();
  return {
    loss: sums.loss / sums.samples,
    samples: sums.samples,
    nonFinite: sums.nonFinite,
    before: init,
    after: await backend.readState(),
    activations,
  };
}

async function trainOneStep(
  device: GPUDevice,
  spec: NetworkSpec,
  analysis: SpecAnalysis,
  o: CheckOptions,
  maxBufferBytes: number,
): Promise<FuzzOutcome> {
  const wired = wireSpec(spec);
  let desc: ModelDescription;
  try {
    desc =
      spec.task === 'classification'
        ? describeSpec(spec, o.batchSize, maxBufferBytes)
        : describeModel(wired.input.shape, wired.layers);
  } catch (error) {
    return { kind: 'failure', reason: `accepted by the analysis but not buildable: ${String(error)}` };
  }
  // The engine infers shapes on its own; both inferences must agree layer by layer.
  for (const [i, plan] of desc.layers.entries()) {
    const inferred = analysis.layers[i].outputShape;
    if (!same(inferred, plan.outShape))
      return {
        kind: 'failure',
        reason: `layer ${i + 1}: inferred ${inferred} but the engine built ${plan.outShape}`,
      };
  }
  const classes = size(desc.outputShape);
  const data = syntheticData(size(desc.inputShape), o.batchSize, classes, o.seed);
  const optimizer = (['sgd', 'adam', 'adamw'] as const)[o.seed % 3];
  const hyper: Hyperparams = { ...DEFAULT_HYPER, optimizer, lr: 0.01, batchSize: o.batchSize, seed: o.seed };
  const gpuErrors: string[] = [];
  const gpu = new GpuBackend(
    device,
    (reason) => gpuErrors.push(`device lost: ${reason}`),
    (m) => gpuErrors.push(m),
  );
  let g: StepResult;
  try {
    g = await withErrorScopes(device, () => runStep(gpu, desc, hyper, data));
  } catch (error) {
    return { kind: 'failure', reason: String(error) };
  } finally {
    gpu.destroy();
  }
  if (gpuErrors.length) return { kind: 'failure', reason: `WebGPU errors: ${gpuErrors.join('; ')}` };
  if (g.samples !== o.batchSize) return { kind: 'failure', reason: `the step counted ${g.samples} samples` };
  if (g.nonFinite > 0 || !Number.isFinite(g.loss))
    return { kind: 'failure', reason: `the first step's loss is ${g.loss}` };
  // The actual outputs: one per layer, each holding exactly the inferred shape's values.
  for (const [i, a] of g.activations.entries()) {
    const inferred = analysis.layers[i].outputShape!;
    if (a.length !== size(inferred))
      return { kind: 'failure', reason: `layer ${i + 1} gave ${a.length} values, inferred ${inferred}` };
    if (!a.every(Number.isFinite)) return { kind: 'failure', reason: `layer ${i + 1} output is not finite` };
  }
  if (analysis.totalFlops * o.batchSize > o.cpuFlopBudget)
    return { kind: 'accepted', comparedWithCpu: false, comparedWithWasm: false };
  const c = await runStep(new CpuBackend(), desc, hyper, data);
  const mismatch = compareWithCpu(g, c, hyper, 'GPU');
  if (mismatch) return { kind: 'failure', reason: mismatch };
  if (!o.wasm) return { kind: 'accepted', comparedWithCpu: true, comparedWithWasm: false };
  // The backend must not dispose the shared ops.
  const w = await runStep(new CpuBackend({ ...o.wasm, dispose: () => undefined }), desc, hyper, data);
  const wasmMismatch = compareWithCpu(w, c, hyper, 'WebAssembly ops');
  return wasmMismatch
    ? { kind: 'failure', reason: wasmMismatch }
    : { kind: 'accepted', comparedWithCpu: true, comparedWithWasm: true };
}

/** Largest |a - b| over the array, relative to 1 + the reference's largest magnitude. */
function relativeError(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  let scale = 1;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / scale;
}

/** `side` (the GPU, or the WebAssembly ops) and the CPU reference agree on the loss, each layer's output
 *  and (for SGD) the size of the update. */
function compareWithCpu(g: StepResult, c: StepResult, hyper: Hyperparams, side: string): string | null {
  if (Math.abs(g.loss - c.loss) > 1e-3 * (1 + Math.abs(c.loss)))
    return `loss on the ${side} ${g.loss}, on the CPU ${c.loss}`;
  for (const [i, a] of g.activations.entries()) {
    const e = relativeError(a, c.activations[i]);
    if (e > 1e-3)
      return `layer ${i + 1} output on the ${side} differs from the CPU reference by ${e.toExponential(2)} (relative)`;
  }
  // Adam turns rounding-noise gradients into full-size steps of either sign, so only SGD's update is compared.
  if (hyper.optimizer !== 'sgd') return null;
  let num = 0;
  let den = 0;
  const n = c.after.params.length;
  for (let i = 0; i < n; i++) {
    const dg = g.after.params[i] - g.before.params[i];
    const dc = c.after.params[i] - c.before.params[i];
    num += (dg - dc) ** 2;
    den += dc ** 2;
  }
  // Relative L2 of the update, tolerant of a rare max-pool tie broken differently by rounding, above a
  // floor of gradients of 1e-4 per parameter: where the true gradient is zero (a conv that only sees
  // padding, feeding BatchNorm) both sides hold rounding noise and their ratio means nothing.
  const floor = hyper.lr * 1e-4 * Math.sqrt(n);
  const diff = Math.sqrt(num);
  return diff > 2e-2 * Math.sqrt(den) + floor
    ? `the SGD update on the ${side} differs from the CPU's by ${((100 * diff) / Math.max(Math.sqrt(den), 1e-30)).toFixed(1)}%`
    : null;
}
