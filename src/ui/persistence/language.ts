// The language the user picked with the switch, kept in localStorage beside the autosave: a setting of this
// browser, like the backend, so a design shared or saved never carries it (a link says `?lang=` instead).
import { matchLanguage, type Language } from '../../i18n';
import type { KeyValueStorage } from './autosave';

export const LANGUAGE_KEY = 'cnn-playground/language/v1';

/** The kept language, or null when none is kept, storage is unavailable, or the entry is not one of ours. */
export function loadLanguage(storage: KeyValueStorage | null): Language | null {
  try {
    return matchLanguage(storage?.getItem(LANGUAGE_KEY));
  } catch {
    return null;
  }
}

/** Keeps `language`; false when the browser refused. */
export function saveLanguage(storage: KeyValueStorage | null, language: Language): boolean {
  if (!storage) return false;
  try {
    storage.setItem(LANGUAGE_KEY, language);
    return true;
  } catch {
    return false;
  }
}
