// Interleaved A/B of the app's first numbers (issue 20): two builds of the app, one fresh page each in
// turn (which goes first alternating), `rounds` rounds; prints each run and the medians. The machine is
// shared, so only the medians of runs close in time are worth comparing.
//   npx vite build --outDir /tmp/app-a   (on the base), then on the change: npx vite build --outDir /tmp/app-b
//   node scripts/bench-first-ab.mjs /tmp/app-a /tmp/app-b [rounds, default 4]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureFirstNumbers } from '../bench/driver/app-page.mjs';
import { browserHost } from '../bench/driver/browser.mjs';
import { startServer } from '../bench/driver/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [dirA, dirB, rounds = '4'] = process.argv.slice(2);
if (!dirA || !dirB)
  throw new Error('usage: node scripts/bench-first-ab.mjs <app build A> <app build B> [rounds]');
const serve = (dir) =>
  startServer([
    { prefix: '/data/', dir: path.join(root, 'public/data'), isolated: true },
    { prefix: '/app/', dir: path.resolve(dir), isolated: true },
  ]);
const servers = { A: await serve(dirA), B: await serve(dirB) };
const browser = browserHost();
const runs = { A: [], B: [] };
try {
  for (let r = 0; r < Number(rounds); r++) {
    for (const side of r % 2 ? ['B', 'A'] : ['A', 'B']) {
      const m = await measureFirstNumbers(browser, servers[side].origin, { runs: 1 });
      if (m.status !== 'ok') throw new Error(`${side}: ${m.message}`);
      const x = m.runs[0];
      runs[side].push(x);
      console.log(
        `${side} round ${r + 1}: Train enabled ${Math.round(x.pageLoadToTrainEnabledMs)} ms ` +
          `(first images ${x.firstImagesShownMs} ms), click → first loss ${Math.round(x.clickToFirstLossMs)} ms`,
      );
    }
  }
} finally {
  await browser.close();
  await servers.A.close();
  await servers.B.close();
}
const median = (xs) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)];
for (const side of ['A', 'B']) {
  const enabled = median(runs[side].map((x) => x.pageLoadToTrainEnabledMs));
  const loss = median(runs[side].map((x) => x.clickToFirstLossMs));
  console.log(
    `${side} medians: Train enabled ${Math.round(enabled)} ms, click → first loss ${Math.round(loss)} ms`,
  );
}
