// Puts the page in its starting language before the first render (a link's `?lang=`, else the kept
// choice, else the browser's), and from then on keeps `<html lang>`, the kept choice and a link's
// `?lang=` in step with every switch.
import { detectLanguage, i18n, matchLanguage, setLanguage, type Language } from '../../i18n';
import { browserStorage } from '../persistence/autosave';
import { loadLanguage, saveLanguage } from '../persistence/language';

function follow(language: Language): void {
  document.documentElement.lang = language;
  // A `?lang=` left in the address would put a reload (or a link copied from it) back in the old language.
  const url = new URL(location.href);
  if (url.searchParams.has('lang') && url.searchParams.get('lang') !== language) {
    url.searchParams.set('lang', language);
    history.replaceState(history.state, '', url.href);
  }
}

export function startLanguage(): void {
  const storage = browserStorage();
  const { language, fromLink } = detectLanguage({
    search: location.search,
    stored: loadLanguage(storage),
    preferred: navigator.languages ?? [navigator.language],
  });
  // A link's language becomes this browser's choice, as a click on the switch would.
  if (fromLink) saveLanguage(storage, language);
  void setLanguage(language);
  follow(language);
  i18n.on('languageChanged', (tag: string) => {
    const switched = matchLanguage(tag);
    if (!switched) return;
    saveLanguage(browserStorage(), switched);
    follow(switched);
  });
}
