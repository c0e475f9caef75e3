// Whether a lost device explains a run's failure. A lost device fails the run's reads (AbortError) and
// resolves `device.lost`, in either order: a failure that arrives first waits a moment for the loss, so
// the run is rebuilt and goes on instead of stopping on an error.
import type { TrainerBackend } from './backend';

/** How long a failure waits for its device's loss to be reported. */
export const LOSS_NOTICE_MS = 500;

/**
 * True when the trainer is recovering from a lost device, or starts to within LOSS_NOTICE_MS (the backend's
 * loss handler runs before this resumes, and marks the recovery).
 */
export async function explainedByLoss(
  backend: TrainerBackend | null,
  recovering: () => boolean,
): Promise<boolean> {
  if (recovering() || !backend?.deviceLost) return recovering();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const noticed = new Promise<void>((resolve) => (timer = setTimeout(resolve, LOSS_NOTICE_MS)));
  await Promise.race([backend.deviceLost, noticed]);
  clearTimeout(timer);
  return recovering();
}
