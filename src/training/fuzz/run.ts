// The fuzz run: `count` designs from `seed`, each checked on one device; counts of every outcome and the
// failures with the design that caused them, so a failure can be replayed from its seed and index.
import type { CpuOps } from '../../engine/cpu-ops';
import type { NetworkSpec } from '../../network/spec';
import { checkSpec, type FuzzOutcome } from './check-spec';
import { fuzzSpecs } from './specs';

export interface FuzzOptions {
  seed: number;
  count: number;
  /** Small batches keep SwiftShader quick and still exercise the batch dimension. */
  batchSize?: number;
  /** See CheckOptions.cpuFlopBudget. */
  cpuFlopBudget?: number;
  /** See CheckOptions.wasm: the WebAssembly ops every design compared with the CPU also runs on. */
  wasm?: CpuOps;
  /** Called after each design (progress output). */
  onResult?: (index: number, spec: NetworkSpec, outcome: FuzzOutcome) => void;
}

export interface FuzzFailure {
  index: number;
  reason: string;
  spec: NetworkSpec;
}

export interface FuzzSummary {
  seed: number;
  count: number;
  accepted: number;
  /** Accepted designs whose step was also compared with the CPU reference. */
  comparedWithCpu: number;
  /** Of those, the ones whose step on the WebAssembly ops agreed with the reference too. */
  comparedWithWasm: number;
  rejected: number;
  failures: FuzzFailure[];
  /** Distinct refusal messages with numbers blanked, and how often each came up. */
  refusals: Map<string, number>;
}

export async function runFuzz(device: GPUDevice, options: FuzzOptions): Promise<FuzzSummary> {
  const batchSize = options.batchSize ?? 2;
  const cpuFlopBudget = options.cpuFlopBudget ?? 5e7;
  const summary: FuzzSummary = {
    seed: options.seed,
    count: options.count,
    accepted: 0,
    comparedWithCpu: 0,
    comparedWithWasm: 0,
    rejected: 0,
    failures: [],
    refusals: new Map(),
  };
  let index = 0;
  for (const spec of fuzzSpecs(options.seed, options.count, batchSize)) {
    const outcome = await checkSpec(device, spec, {
      batchSize,
      cpuFlopBudget,
      seed: options.seed + index,
      wasm: options.wasm,
    });
    if (outcome.kind === 'accepted') {
      summary.accepted++;
      if (outcome.comparedWithCpu) summary.comparedWithCpu++;
      if (outcome.comparedWithWasm) summary.comparedWithWasm++;
    } else if (outcome.kind === 'rejected') {
      summary.rejected++;
      const key = outcome.message.replace(/\b\d+(\.\d+)?\b/g, 'N');
      summary.refusals.set(key, (summary.refusals.get(key) ?? 0) + 1);
    } else summary.failures.push({ index, reason: outcome.reason, spec });
    options.onResult?.(index, spec, outcome);
    index++;
  }
  return summary;
}
