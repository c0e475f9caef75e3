// The line under the backend while the worker tunes the design's kernels, and after.
import type { KernelTuning } from '../store/trainingSlice';

/** The tuning notice: progress while it measures, then what it changed. */
export function tuningText(t: KernelTuning): string | null {
  if (t.total === 0) return null;
  if (!t.finished) return `Tuning kernels for this GPU… ${t.done}/${t.total}`;
  if (t.changed === 0) return `Kernels checked on this GPU (${t.done}/${t.total}): the defaults are fastest.`;
  return `Kernels tuned for this GPU: ${t.changed} of ${t.total} passes use a faster variant.`;
}
