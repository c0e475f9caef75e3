// The page's React screen, rendered once the trainer has been started (start-app.ts).
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { i18n } from './i18n';
import { App } from './ui/App';
import './ui/styles.css';
import './ui/i18n/cjk.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
// A transition, so React renders the first screen in slices, and the page takes in the worker's first
// messages (its backend, the dataset's progress) between them.
startTransition(() =>
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App />
      </I18nextProvider>
    </StrictMode>,
  ),
);
