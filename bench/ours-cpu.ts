// Our CPU backend (CpuBackend, the worker's fallback without WebGPU: the reference ops in plain
// TypeScript) measured exactly as our WebGPU side is, on the page's main thread.
import { CpuBackend } from '../src/training/cpu-backend';
import { hostDataset, loadMnist } from './data';
import { runBackend, type SideResult } from './ours';
import type { TimedPlan } from './setup';

export async function runOursCpu(plan: TimedPlan): Promise<SideResult> {
  const backend = new CpuBackend();
  try {
    return await runBackend(plan, backend, hostDataset(await loadMnist()));
  } finally {
    backend.destroy();
  }
}
