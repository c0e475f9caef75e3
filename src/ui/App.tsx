// The page layout: header, then the builder, training, charts and predictions regions.
import { useEffect } from 'react';
import { BuilderPanel } from './builder/BuilderPanel';
import { AccuracyChart } from './charts/AccuracyChart';
import { LossChart } from './charts/LossChart';
import { DrawPad } from './draw/DrawPad';
import { GeneratePanel } from './generate/GeneratePanel';
import { DensePanel } from './dense/DensePanel';
import { InspectPanel } from './inspect/InspectPanel';
import { ClassroomDock } from './lessons/ClassroomDock';
import { MyDataPanel } from './mydata/MyDataPanel';
import { useMyDataPersistence } from './mydata/useMyDataPersistence';
import { useAutosave } from './persistence/useAutosave';
import { ConfusionMatrix } from './predictions/ConfusionMatrix';
import { Gallery } from './predictions/Gallery';
import { Header } from './shell/Header';
import { NoticeBar } from './shell/NoticeBar';
import { useShortcuts } from './shell/useShortcuts';
import { useStore } from './store/store';
import { useTrainer } from './trainer/useTrainer';
import { Figures } from './training/Figures';
import { HyperparamsForm } from './training/HyperparamsForm';
import { ProgressPanel } from './training/ProgressPanel';
import { TrainingControls } from './training/TrainingControls';
import { useGpuProbe } from './webgpu/useGpuProbe';

export function App() {
  useGpuProbe();
  useTrainer();
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
      <ClassroomDock />
      <main className="app-main">
        <section aria-label="Network builder" className="panel builder-region">
          <BuilderPanel />
        </section>
        <section aria-label="Training" className="panel training-region">
          <TrainingControls />
          <Figures />
          <ProgressPanel />
          <HyperparamsForm />
        </section>
        <section aria-label="Charts" className="panel charts-region">
          <LossChart />
          <AccuracyChart />
        </section>
        <section id="your-own-data" aria-label="Your own data" className="panel mydata-region">
          <MyDataPanel />
        </section>
        <section aria-label="Predictions" className="panel predictions-region">
          <DrawPad />
          <ConfusionMatrix />
          <Gallery />
        </section>
        <section aria-label="Inside the network" className="panel inspect-region">
          <InspectPanel />
        </section>
        <section aria-label="Generate images" className="panel generate-region">
          <GeneratePanel />
        </section>
        <section aria-label="Segmentation and detection" className="panel dense-region">
          <DensePanel />
        </section>
      </main>
    </div>
  );
}
