// The page: the core loop on one screen. The builder (the network as a live diagram) fills the left, the
// training controls, live figures, loss and accuracy charts and the draw pad stand beside it, and every
// other view opens in the tab bar under the diagram without pushing those off screen (see styles.css).
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { BuilderPanel } from './builder/BuilderPanel';
import { AccuracyChart } from './charts/AccuracyChart';
import { LossChart } from './charts/LossChart';
import { DrawPad } from './draw/DrawPad';
import { ClassroomDock } from './lessons/ClassroomDock';
import { useMyDataPersistence } from './mydata/useMyDataPersistence';
import { useAutosave } from './persistence/useAutosave';
import { Header } from './shell/Header';
import { NoticeBar } from './shell/NoticeBar';
import { PanelTabs } from './shell/PanelTabs';
import { useShortcuts } from './shell/useShortcuts';
import { useStore } from './store/store';
import { Figures } from './training/Figures';
import { ProgressPanel } from './training/ProgressPanel';
import { TrainingControls } from './training/TrainingControls';
import { useGpuProbe } from './webgpu/useGpuProbe';

export function App() {
  const { t } = useTranslation();
  useGpuProbe();
  useAutosave();
  useMyDataPersistence();
  useShortcuts();
  const theme = useStore((s) => s.theme);
  const presentation = useStore((s) => s.presentation);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <div className={presentation ? 'app presentation' : 'app'}>
      <Header />
      <NoticeBar />
      <main className="app-main">
        <section aria-label={t('app.networkBuilder')} className="panel builder-region">
          <BuilderPanel />
        </section>
        <PanelTabs>
          <ClassroomDock />
        </PanelTabs>
        <div className="side">
          <section aria-label={t('app.training')} className="panel training-region">
            <TrainingControls />
            <Figures />
            <ProgressPanel />
          </section>
          <section aria-label={t('app.charts')} className="panel charts-region">
            <LossChart />
            <AccuracyChart />
          </section>
          <section aria-label={t('app.predictions')} className="panel predictions-region">
            <DrawPad />
          </section>
        </div>
      </main>
    </div>
  );
}
