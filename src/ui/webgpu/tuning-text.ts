// The line under the backend while the worker tunes the design's kernels, and after.
import { tr } from '../../i18n';
import type { KernelTuning } from '../store/training-slice';

/** The tuning notice: progress while it measures, then what it changed. */
export function tuningText(t: KernelTuning): string | null {
  if (t.total === 0) return null;
  if (!t.finished) return tr('ui:tuningText.tuningKernelsForThis', { done: t.done, total: t.total });
  if (t.changed === 0) return tr('ui:tuningText.kernelsCheckedOnThis', { done: t.done, total: t.total });
  return tr('ui:tuningText.kernelsTunedForThis', { changed: t.changed, total: t.total });
}
