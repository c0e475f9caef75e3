// One click between the two languages: the button names the other one in its own words (中文 / English).
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, LANGUAGES, currentLanguage, setLanguage } from '../../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = LANGUAGES.find((l) => l === i18n.resolvedLanguage) ?? currentLanguage();
  const other = LANGUAGES.find((l) => l !== current) ?? current;
  return (
    <button
      type="button"
      className="language-switch"
      lang={other}
      title={t('header.languageTitle')}
      onClick={() => void setLanguage(other)}
    >
      {LANGUAGE_NAMES[other]}
    </button>
  );
}
