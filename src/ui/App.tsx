// The page layout: header, then the builder, training and charts regions.
import { useEffect } from 'react';
import { useGpuProbe } from './webgpu/useGpuProbe';
import { Header } from './shell/Header';
import { useStore } from './store/store';
import { DatasetProgress } from './training/DatasetProgress';

export function App() {
  useGpuProbe();
  const theme = useStore((s) => s.theme);
  const presentation = useStore((s) => s.presentation);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <div className={presentation ? 'app presentation' : 'app'}>
      <Header />
      <main className="app-main">
        <section aria-label="Network builder" className="panel builder-region" />
        <section aria-label="Training" className="panel training-region">
          <DatasetProgress />
        </section>
        <section aria-label="Charts" className="panel charts-region" />
      </main>
    </div>
  );
}
