// Title bar: WebGPU status and the view toggles (theme, presentation mode, language).
import { useTranslation } from 'react-i18next';
import { BrowserWeights } from '../export/BrowserWeights';
import { FileMenus } from '../export/FileMenus';
import { DesignsMenu } from '../persistence/DesignsMenu';
import { GpuStatusPanel } from '../webgpu/GpuStatusPanel';
import { useStore } from '../store/store';
import { LanguageSwitch } from './LanguageSwitch';
import { ShareButton } from './ShareButton';

export function Header() {
  const { t } = useTranslation();
  const theme = useStore((s) => s.theme);
  const setTheme = useStore((s) => s.setTheme);
  const presentation = useStore((s) => s.presentation);
  const togglePresentation = useStore((s) => s.togglePresentation);
  return (
    <header className="app-header">
      <h1>{t('header.title')}</h1>
      <GpuStatusPanel />
      <div className="header-actions">
        <DesignsMenu />
        <FileMenus />
        <BrowserWeights />
        <ShareButton />
        <button
          type="button"
          aria-pressed={theme === 'dark'}
          onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
        >
          {t('header.darkTheme')}
        </button>
        <button type="button" aria-pressed={presentation} onClick={togglePresentation}>
          {t('header.presentation')}
        </button>
        <LanguageSwitch />
      </div>
    </header>
  );
}
