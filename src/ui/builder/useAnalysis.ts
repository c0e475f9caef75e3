// The analysis of the current design, computed once per spec object however many components ask.
import { analyzeSpec, type SpecAnalysis } from '../../network/analyze';
import type { NetworkSpec } from '../../network/spec';
import { useStore } from '../store/store';

const cache = new WeakMap<NetworkSpec, SpecAnalysis>();

export function analysisOf(spec: NetworkSpec): SpecAnalysis {
  let analysis = cache.get(spec);
  if (!analysis) cache.set(spec, (analysis = analyzeSpec(spec)));
  return analysis;
}

export function useAnalysis(): SpecAnalysis {
  return analysisOf(useStore((s) => s.spec));
}

/** Why Train is disabled, or null when the design can train. */
export function blockingReason(analysis: SpecAnalysis): string | null {
  if (analysis.layers.length === 0) return 'Add layers to the network first.';
  const error = analysis.issues.find((i) => i.severity === 'error');
  return error ? `Fix the network first: ${error.message}` : null;
}
