// The one i18next instance, framework-free: core modules call `tr` to write text by key, the page wraps
// the same instance with react-i18next (ui/i18n). Imports nothing from the app, so every layer may use it.
import i18next, { type TOptions } from 'i18next';
import { FALLBACK, LANGUAGES, type Language } from './language';
import { NAMESPACES, RESOURCES } from './resources';

export * from './language';
export { NAMESPACES, type Namespace } from './resources';

export const i18n = i18next.createInstance();
// Synchronous: the catalogues are in the bundle, so the first render and every Node test see them.
void i18n.init({
  lng: FALLBACK,
  fallbackLng: FALLBACK,
  supportedLngs: [...LANGUAGES],
  ns: [...NAMESPACES],
  defaultNS: 'ui',
  // A copy: i18next writes added bundles into the object it is given, and RESOURCES stays as the files are.
  resources: structuredClone(RESOURCES),
  initAsync: false,
  returnNull: false,
  // React escapes what it renders, and generated files (Python, README) must keep `<` and `&` as written.
  interpolation: { escapeValue: false },
});

/** Parameters of a message: numbers are formatted for the language with `{{n, number}}` in the text. */
export type MessageParams = Record<string, string | number>;

/** The text of `key` (`namespace:path`) in the current language. */
export function tr(key: string, params: MessageParams & TOptions = {}): string {
  return i18n.t(key, params);
}

export const currentLanguage = (): Language => LANGUAGES.find((l) => l === i18n.resolvedLanguage) ?? FALLBACK;

/** A number as the current language writes it (`Intl.NumberFormat`). */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(currentLanguage(), options).format(value);
}

/** Switches every `tr` and every mounted component to `language`. */
export async function setLanguage(language: Language): Promise<void> {
  await i18n.changeLanguage(language);
}
