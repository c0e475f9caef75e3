// The page's entry, a few hundred bytes: it starts the training worker, then loads the page proper. The
// worker then loads its scripts while the page's bundle is fetched and parsed, when the page's thread is free
// for the turn Chromium needs it for to start a worker (running the bundle keeps it busy for a while later).
import { startTrainerWorkerEarly } from './training/create-worker';

startTrainerWorkerEarly();
void import('./start-app');
