// Plain-language warnings for a GAN that is going wrong, from the figures the run already has.
import type { GanMetrics } from './types';

/** Variance across samples (on the [-1, 1] scale) below which the samples count as all alike. Real digits: ~0.25. */
export const COLLAPSE_VARIANCE = 0.005;

/** The first problem that applies, or null when training looks healthy. */
export function ganWarning(m: GanMetrics, sampleVariance: number): string | null {
  if (![m.dLoss, m.gLoss].every(Number.isFinite)) {
    return 'The losses are no longer numbers (training diverged): lower the learning rate and press Reset.';
  }
  if (sampleVariance < COLLAPSE_VARIANCE) {
    return 'All samples look alike (mode collapse): try a lower learning rate, or Reset with another seed.';
  }
  if (m.dLoss < 0.05 && m.gLoss > 5) {
    return (
      'The discriminator wins every round, so the generator learns almost nothing: ' +
      'try a lower learning rate or a smaller discriminator.'
    );
  }
  if (m.gLoss < 0.2 && m.dLoss > 2) {
    return (
      'The generator fools the discriminator every time, so the discriminator has stopped learning: ' +
      'try a lower generator learning rate or a larger discriminator.'
    );
  }
  return null;
}
