// How much a second thread is worth on this machine right now: the same integer work run by one worker,
// then split over two, three times; the median speed-up. On an idle machine with two free cores it is close
// to 2; on a machine shared with other work, less. Reported beside the wasm ops' 2-thread figure, which
// cannot scale better than this.
export interface ParallelProbe {
  status: 'ok';
  speedups: number[];
  medianSpeedup: number;
}

const ITERATIONS = 20_000_000;

export async function probeParallelism(): Promise<ParallelProbe> {
  const start = () => new Worker(new URL('./burn.worker.ts', import.meta.url), { type: 'module' });
  const workers = [start(), start()];
  const run = (w: Worker, n: number) =>
    new Promise<void>((resolve) => {
      w.onmessage = () => resolve();
      w.postMessage(n);
    });
  try {
    await Promise.all(workers.map((w) => run(w, 1_000_000)));
    const speedups: number[] = [];
    for (let round = 0; round < 3; round++) {
      let t0 = performance.now();
      await run(workers[0], ITERATIONS);
      const one = performance.now() - t0;
      t0 = performance.now();
      await Promise.all(workers.map((w) => run(w, ITERATIONS / 2)));
      speedups.push(one / (performance.now() - t0));
    }
    const sorted = [...speedups].sort((a, b) => a - b);
    return { status: 'ok', speedups, medianSpeedup: sorted[1] };
  } finally {
    workers.forEach((w) => w.terminate());
  }
}
