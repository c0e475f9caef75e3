// The page's state and its trainer, loaded by main.ts once the training worker is on its way; the React
// screen follows in a chunk of its own (render-app.tsx), so the worker is told its backend, dataset and
// design while that larger chunk is still being fetched and parsed.
import { startLanguage } from './ui/i18n/start-language';
import { restoreInitialDesign } from './ui/persistence/restore';
import { registerServiceWorkerWhenLoaded } from './ui/shell/register-sw';
import { startTrainer } from './ui/trainer/start-trainer';

startLanguage();
restoreInitialDesign();
startTrainer();
void import('./render-app');
// The built app only: the development server has no service worker.
if (import.meta.env.PROD) registerServiceWorkerWhenLoaded('./sw.js');
