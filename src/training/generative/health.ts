// Plain-language warnings for a GAN that is going wrong, from the figures the run already has.
import { tr } from '../../i18n';
import type { GanMetrics } from './types';

/** Variance across samples (on the [-1, 1] scale) below which the samples count as all alike. Real digits: ~0.25. */
export const COLLAPSE_VARIANCE = 0.005;

/** The first problem that applies, or null when training looks healthy. */
export function ganWarning(m: GanMetrics, sampleVariance: number): string | null {
  if (![m.dLoss, m.gLoss].every(Number.isFinite)) {
    return tr('training:gan.diverged');
  }
  if (sampleVariance < COLLAPSE_VARIANCE) {
    return tr('training:gan.collapse');
  }
  if (m.dLoss < 0.05 && m.gLoss > 5) {
    return tr('training:gan.discriminatorWins');
  }
  if (m.gLoss < 0.2 && m.dLoss > 2) {
    return tr('training:gan.generatorWins');
  }
  return null;
}
