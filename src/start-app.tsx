// The page proper, loaded by main.ts once the training worker is on its way.
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { i18n } from './i18n';
import { App } from './ui/App';
import { startLanguage } from './ui/i18n/start-language';
import { restoreInitialDesign } from './ui/persistence/restore';
import { startTrainer } from './ui/trainer/start-trainer';
import './ui/styles.css';
import './ui/i18n/cjk.css';

startLanguage();
restoreInitialDesign();
// Before the first render: the worker starts its backend and dataset while the page renders.
startTrainer();
const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
// A transition, so React renders the first screen in slices: between them the page starts the worker
// (Chromium needs the page's thread for that) and takes in its first dataset messages.
startTransition(() =>
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App />
      </I18nextProvider>
    </StrictMode>,
  ),
);
