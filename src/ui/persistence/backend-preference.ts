// The backend the user picked (or 'auto'), kept in localStorage beside the autosave: a local setting of
// this browser, not part of the design, so share links and project files never carry it.
import type { BackendPreference } from '../../training/protocol';
import type { KeyValueStorage } from './autosave';

export const BACKEND_KEY = 'cnn-playground/backend/v1';

const PREFERENCES: readonly BackendPreference[] = ['auto', 'webgpu', 'wasm', 'js'];

const isPreference = (value: unknown): value is BackendPreference =>
  PREFERENCES.includes(value as BackendPreference);

/** The stored preference; 'auto' when none is stored, storage is unavailable, or the entry is not one. */
export function loadBackendPreference(storage: KeyValueStorage | null): BackendPreference {
  try {
    const stored = storage?.getItem(BACKEND_KEY);
    return isPreference(stored) ? stored : 'auto';
  } catch {
    return 'auto';
  }
}

/** Stores the preference ('auto' removes the entry); false when the browser refused. */
export function saveBackendPreference(
  storage: KeyValueStorage | null,
  preference: BackendPreference,
): boolean {
  if (!storage) return false;
  try {
    if (preference === 'auto') storage.removeItem(BACKEND_KEY);
    else storage.setItem(BACKEND_KEY, preference);
    return true;
  } catch {
    return false;
  }
}
