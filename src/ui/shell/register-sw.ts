// Registers the service worker (the offline app and MNIST, src/sw/sw.ts) once the first dataset is in, not
// at the page's load: installing it fetches the app's files and MNIST again and hashes them, which took the
// CPU from the first load (the worker's start and the dataset's stream) on a two-core machine.
import { useStore } from '../store/store';

/** Registers `url` once the dataset is in or failed, or after `latestMs` whatever happens. */
export function registerServiceWorkerWhenLoaded(url: string, latestMs = 15_000): void {
  if (!('serviceWorker' in navigator)) return;
  let done = false;
  const register = () => {
    if (done) return;
    done = true;
    unsubscribe();
    clearTimeout(timer);
    navigator.serviceWorker.register(url, { scope: './' }).catch(() => undefined);
  };
  const settled = () => ['ready', 'error'].includes(useStore.getState().dataset.phase);
  const unsubscribe = useStore.subscribe(() => settled() && register());
  const timer = setTimeout(register, latestMs);
  if (settled()) register();
}
