// Title bar: WebGPU status and the view toggles (theme, presentation mode).
import { BrowserWeights } from '../export/BrowserWeights';
import { FileMenus } from '../export/FileMenus';
import { DesignsMenu } from '../persist/DesignsMenu';
import { GpuStatusPanel } from '../webgpu/GpuStatusPanel';
import { useStore } from '../store/store';
import { ShareButton } from './ShareButton';

export function Header() {
  const theme = useStore((s) => s.theme);
  const setTheme = useStore((s) => s.setTheme);
  const presentation = useStore((s) => s.presentation);
  const togglePresentation = useStore((s) => s.togglePresentation);
  return (
    <header className="app-header">
      <h1>CNN Playground</h1>
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
          Dark theme
        </button>
        <button type="button" aria-pressed={presentation} onClick={togglePresentation}>
          Presentation mode
        </button>
      </div>
    </header>
  );
}
