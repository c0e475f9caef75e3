// One fresh page of a built app traced by Chromium from navigation to Train enabled (issue 20), or with
// --click on to the first loss after Train is clicked at once: writes the trace (open it in Perfetto or
// chrome://tracing) and prints what Train waited on and when, each request, how busy each thread was (per
// 100 ms), and the page's and workers' longest tasks with what ran in them.
//   npx vite build --outDir /tmp/app   then   node scripts/trace-first-load.mjs /tmp/app [trace.json] [--click]
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserHost } from '../bench/driver/browser.mjs';
import { startServer } from '../bench/driver/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const click = args.includes('--click');
const [dir, out = '/tmp/first-load-trace.json'] = args.filter((a) => a !== '--click');
if (!dir) throw new Error('usage: node scripts/trace-first-load.mjs <app build> [trace.json]');

const CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'v8.wasm',
  'blink.user_timing',
  'loading',
  'netlog',
];
const BUCKET_MS = 100;
const LONG_TASK_MS = 8;

/** In the page: a user-timing mark at each change of why Train is disabled (the trace then carries it). */
function markBlockedReasons() {
  let last = null;
  const poll = () => {
    const text = document.getElementById('train-blocked')?.textContent?.trim() ?? '';
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Train');
    const now = button && !button.disabled ? 'Train enabled' : `blocked: ${text}`;
    if (now !== last) performance.mark((last = now));
    if (now !== 'Train enabled') requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

const server = await startServer([
  { prefix: '/data/', dir: path.join(root, 'public/data'), isolated: true },
  { prefix: '/app/', dir: path.resolve(dir), isolated: true },
]);
const host = browserHost();
let raw;
try {
  const browser = await host.get();
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.addInitScript(markBlockedReasons);
  await browser.startTracing(page, { categories: CATEGORIES });
  await page.goto(`${server.origin}/app/`);
  await page.waitForFunction(() => performance.getEntriesByName('Train enabled').length > 0, null, {
    timeout: 120_000,
  });
  if (click) {
    await page.evaluate(() => {
      performance.mark('Train clicked');
      [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Train').click();
    });
    await page.waitForFunction(
      () => {
        const text = document.querySelector('[data-testid="train-loss"]')?.textContent ?? '';
        if (!Number.isFinite(Number.parseFloat(text))) return false;
        performance.mark('first loss shown');
        return true;
      },
      null,
      { polling: 'raf', timeout: 120_000 },
    );
  }
  // A little after, so the tasks running when Train was enabled end inside the trace.
  await page.waitForTimeout(300);
  raw = JSON.parse((await browser.stopTracing()).toString());
  await context.close();
} finally {
  await host.close();
  await server.close();
}
await writeFile(out, JSON.stringify(raw));
const events = raw.traceEvents ?? raw;

// Milliseconds since navigation: the page's marks give trace time for its performance.now() origin.
const marks = events.filter((e) => e.cat?.includes('blink.user_timing') && e.ph !== 'M');
const enabled = marks.find((e) => e.name === (click ? 'first loss shown' : 'Train enabled'));
const nav = events.find((e) => e.name === 'navigationStart');
const origin = nav?.ts ?? Math.min(...marks.map((e) => e.ts));
const ms = (ts) => (ts - origin) / 1000;
const end = enabled ? ms(enabled.ts) : Math.max(...events.map((e) => ms(e.ts ?? 0)));
console.log(`trace: ${out}`);
console.log('\nwhat Train waited on (ms since navigation):');
for (const m of marks.filter((e) => /^(Train|blocked|first loss)/.test(e.name)))
  console.log(`  ${ms(m.ts).toFixed(0).padStart(6)}  ${m.name}`);

const threadName = new Map();
for (const e of events)
  if (e.ph === 'M' && e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args.name);
const nameOf = (e) => threadName.get(`${e.pid}:${e.tid}`) ?? `thread ${e.tid}`;

console.log('\nrequests (start → finish ms):');
const sends = events.filter((e) => e.name === 'ResourceSendRequest');
const finishes = new Map(
  events.filter((e) => e.name === 'ResourceFinish').map((e) => [e.args.data.requestId, e]),
);
for (const s of sends) {
  const f = finishes.get(s.args.data.requestId);
  const url = s.args.data.url.replace(server.origin, '');
  console.log(
    `  ${ms(s.ts).toFixed(0).padStart(6)} → ${f ? ms(f.ts).toFixed(0).padStart(6) : '     ?'}  ${url}  (${nameOf(s)})`,
  );
}

const tasks = events.filter(
  (e) => e.ph === 'X' && e.cat?.includes('toplevel') && /RunTask/.test(e.name) && ms(e.ts) < end,
);
const byThread = new Map();
for (const t of tasks) {
  const key = `${t.pid}:${t.tid}`;
  if (!byThread.has(key)) byThread.set(key, []);
  byThread.get(key).push(t);
}
const buckets = Math.ceil(end / BUCKET_MS);
console.log(`\nbusy per ${BUCKET_MS} ms up to ${enabled?.name} (0-9: tenths busy), total busy ms:`);
const rows = [...byThread.entries()].map(([key, list]) => {
  const busy = new Array(buckets).fill(0);
  let total = 0;
  for (const t of list) {
    const from = Math.max(0, ms(t.ts));
    const to = Math.min(end, ms(t.ts + t.dur));
    total += Math.max(0, to - from);
    for (let b = Math.floor(from / BUCKET_MS); b * BUCKET_MS < to && b < buckets; b++)
      busy[b] += Math.min(to, (b + 1) * BUCKET_MS) - Math.max(from, b * BUCKET_MS);
  }
  return { key, name: nameOf(list[0]), total, busy };
});
for (const r of rows.filter((x) => x.total > 20).sort((a, b) => b.total - a.total)) {
  const strip = r.busy.map((b) => Math.min(9, Math.floor((b / BUCKET_MS) * 10))).join('');
  console.log(`  ${`${r.name} ${r.key}`.padEnd(40)} ${r.total.toFixed(0).padStart(6)}  ${strip}`);
}

/** The biggest thing that ran inside a task: the longest of its children with a name worth reading. */
const slices = new Map();
for (const e of events) {
  if (e.ph !== 'X' || /RunTask/.test(e.name)) continue;
  const key = `${e.pid}:${e.tid}`;
  if (!slices.has(key)) slices.set(key, []);
  slices.get(key).push(e);
}
function inside(task) {
  const kids = (slices.get(`${task.pid}:${task.tid}`) ?? []).filter(
    (e) => e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur,
  );
  kids.sort((a, b) => b.dur - a.dur);
  return kids
    .slice(0, 3)
    .map((k) => {
      const d = k.args?.data ?? {};
      const where = d.url ? ` ${d.url.replace(server.origin, '').slice(-40)}` : '';
      const fn = d.functionName ? ` ${d.functionName}` : '';
      return `${k.name}${fn}${where} ${(k.dur / 1000).toFixed(0)}`;
    })
    .join(' | ');
}

for (const r of rows.filter((x) => /Worker|CrRendererMain/.test(x.name))) {
  const long = byThread.get(r.key).filter((t) => t.dur / 1000 >= LONG_TASK_MS);
  if (long.length === 0) continue;
  console.log(`\n${r.name} ${r.key}: tasks of ${LONG_TASK_MS} ms or more (start ms, duration ms: inside)`);
  for (const t of long)
    console.log(
      `  ${ms(t.ts).toFixed(0).padStart(6)} ${(t.dur / 1000).toFixed(0).padStart(5)}: ${inside(t)}`,
    );
}
