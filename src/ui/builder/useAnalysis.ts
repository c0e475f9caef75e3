// The analysis of the current design, computed once per spec object however many components ask.
import { useTranslation } from 'react-i18next';
import { currentLanguage, tr, type Language } from '../../i18n';
import { analyzeSpec, type SpecAnalysis } from '../../network/analyze';
import type { NetworkSpec } from '../../network/spec';
import { useStore } from '../store/store';

// Per language too: the analysis holds its issues' messages in words.
const cache = new WeakMap<NetworkSpec, Map<Language, SpecAnalysis>>();

export function analysisOf(spec: NetworkSpec): SpecAnalysis {
  const language = currentLanguage();
  const byLanguage = cache.get(spec) ?? new Map<Language, SpecAnalysis>();
  cache.set(spec, byLanguage);
  let analysis = byLanguage.get(language);
  if (!analysis) byLanguage.set(language, (analysis = analyzeSpec(spec)));
  return analysis;
}

/** The analysis, again when the language changes (its messages are in words). */
export function useAnalysis(): SpecAnalysis {
  useTranslation();
  return analysisOf(useStore((s) => s.spec));
}

/** Why Train is disabled, or null when the design can train. */
export function blockingReason(analysis: SpecAnalysis): string | null {
  if (analysis.layers.length === 0) return tr('ui:trainGate.addLayers');
  const error = analysis.issues.find((i) => i.severity === 'error');
  return error ? tr('ui:trainGate.fixNetwork', { message: error.message }) : null;
}
