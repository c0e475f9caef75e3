// `npm run bench`: builds the bench page (and the app), serves both from 127.0.0.1, drives headless
// Chromium with WebGPU through every measurement of issue 9, prints the table and writes
// bench/results/latest.json (and, after a complete run, the report in docs/BENCH.md, its headline in README.md). Figures are reported,
// never asserted.
//   BENCH_QUICK=1        fewer steps and shorter budgets (for iterating on the bench itself)
//   BENCH_SOAK_STEPS=N   steps of the buffer/heap soak (default 5000)
//   BENCH_SOAK_SNAPSHOTS=0|1  heap snapshots at the soak's first and last checkpoints, their per-constructor growth in
//                        the report and the judgement with V8's compiled code set aside (default: 1, 0 with BENCH_QUICK)
//   BENCH_SOAK_MAX_SECONDS=S  stop the soak after the chunk that passes S seconds (the report gives the steps done)
//   BENCH_ONLY=a,b       run only these measurement groups (see GROUPS below; 'tuning' runs in Node)
//   BENCH_CPU_ROUNDS=N   interleaved rounds of the CPU backends group 'cpu' (default 3)
//   BENCH_NEWCOMER_LIMIT_S=S  how long the no-WebGPU newcomer trains at most (default 180)
//   BENCH_TFJS=a,b       only these TF.js backends (default webgpu,wasm,webgl,cpu)
//   BENCH_FIRST_RUNS=N   fresh app pages timed from load to Train enabled and Train to the first loss (default 5)
//   BENCH_SKIP_BUILD=1   reuse bench/dist (the page, and the app in bench/dist/app) as it is
//   CHROMIUM_PATH        the Chromium to drive (default /usr/bin/chromium)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureApp, measureFirstNumbers, measureNewcomer } from '../bench/driver/app-page.mjs';
import {
  browserHost,
  heapAfterGc,
  measure,
  openBenchPage,
  PLAIN_ARGS,
  withTimeout,
} from '../bench/driver/browser.mjs';
import { growthSummary, pageHeapByConstructor } from '../bench/driver/heap-diff.mjs';
import { updateReadme } from '../bench/driver/readme.mjs';
import { buildReport, printReport } from '../bench/driver/report.mjs';
import { startServer } from '../bench/driver/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const APP_DIST = path.join(root, 'bench/dist/app');
const env = process.env;
const QUICK = env.BENCH_QUICK === '1';
const SOAK_STEPS = Number(env.BENCH_SOAK_STEPS ?? (QUICK ? 200 : 5000));
const SOAK_MAX_SECONDS = Number(env.BENCH_SOAK_MAX_SECONDS ?? Infinity);
const SOAK_SNAPSHOTS = (env.BENCH_SOAK_SNAPSHOTS ?? (QUICK ? '0' : '1')) === '1';
const SOAK_CHUNK = QUICK ? 100 : 500;
const GROUPS = [
  'adapter',
  'ours',
  'oursCpu',
  'cpu',
  'newcomer',
  'generative',
  'tuning',
  'tfjs',
  'kernels',
  'accuracy',
  'testSample',
  'app',
  'firstNumbers',
  'soak',
  'dense',
];
const only = env.BENCH_ONLY ? env.BENCH_ONLY.split(',') : GROUPS;
const BATCHES = [64, 256];
const TFJS_BACKENDS = env.BENCH_TFJS ? env.BENCH_TFJS.split(',') : ['webgpu', 'wasm', 'webgl', 'cpu'];
const ACCURACY_BUDGET_MS = QUICK ? 10_000 : 60_000;
const CPU_ROUNDS = Number(env.BENCH_CPU_ROUNDS ?? (QUICK ? 1 : 3));
const NEWCOMER_LIMIT_MS = 1000 * Number(env.BENCH_NEWCOMER_LIMIT_S ?? 180);
const GENERATIVE_BUDGET_MS = QUICK ? 1000 : 5000;
const FIRST_RUNS = Number(env.BENCH_FIRST_RUNS ?? (QUICK ? 3 : 5));
const MIN = 60_000;

const say = (line) => process.stdout.write(`${line}\n`);

function plan(batch) {
  return QUICK
    ? { batch, warmupSteps: 2, minSteps: 3, minMs: 1500, maxSteps: 500, inferenceMs: 1000 }
    : { batch, warmupSteps: 2, minSteps: 3, minMs: 8000, maxSteps: 5000, inferenceMs: 4000 };
}

/** Our CPU backend is far slower per step: one warm-up step and a shorter timed run. */
function cpuPlan(batch) {
  return QUICK
    ? { batch, warmupSteps: 1, minSteps: 2, minMs: 1000, maxSteps: 100, inferenceMs: 1000 }
    : { batch, warmupSteps: 1, minSteps: 3, minMs: 5000, maxSteps: 1000, inferenceMs: 3000 };
}

function build() {
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  const run = (what, args) => {
    say(`bench: ${what}`);
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
    return r.status === 0 ? null : `${what} failed (exit ${r.status})`;
  };
  const data = run('preparing datasets', [path.join(root, 'scripts/prepare-data.mjs')]);
  if (data) throw new Error(data);
  const page = run('building the bench page', [vite, 'build', '--config', 'bench/vite.config.ts']);
  if (page) throw new Error(page);
  // The app is built into bench/dist/app, so the bench never rewrites the dist/ other tools serve.
  const app = [vite, 'build', '--outDir', APP_DIST, '--emptyOutDir', '--logLevel', 'warn'];
  return { appBuildError: run('building the app', app) };
}

/**
 * Issue 21's generative presets on our CPU backends and PyTorch, in Node (bench/generative-cpu.ts), where
 * process CPU time can be read.
 */
function generativeCpu() {
  const r = spawnSync(
    process.execPath,
    ['--import', './scripts/engine-node.mjs', 'bench/generative-cpu.ts', String(GENERATIVE_BUDGET_MS)],
    { cwd: root, encoding: 'utf8', timeout: 20 * MIN },
  );
  const last = r.stdout?.trim().split('\n').pop() ?? '';
  try {
    if (r.status === 0) return JSON.parse(last);
  } catch {
    // Reported below with the process's own words.
  }
  const why = r.error?.message ?? r.stderr?.trim().split('\n').slice(-3).join(' ');
  return { status: 'error', message: `bench/generative-cpu.ts failed (${r.status ?? r.signal}): ${why}` };
}

/** The tuned plan against the hand-picked one on LeNet-5, in Node on the same adapter (bench/node/tuning.ts). */
function tuning() {
  const args = [
    '--import',
    './scripts/engine-node.mjs',
    'bench/node/tuning.ts',
    ...(QUICK ? ['--quick'] : []),
  ];
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 30 * MIN });
  const last = r.stdout?.trim().split('\n').pop() ?? '';
  try {
    if (r.status === 0) return JSON.parse(last);
  } catch {
    // Reported below with the process's own words.
  }
  const why = r.error?.message ?? r.stderr?.trim().split('\n').slice(-3).join(' ');
  return { status: 'error', message: `bench/node/tuning.ts failed (${r.status ?? r.signal}): ${why}` };
}

/** The buffer/heap soak in one page: warm-up, then chunks of steps with buffers and heap after each. */
async function soak(browser, origin) {
  const opened = await openBenchPage(browser, origin);
  const step = (steps) =>
    withTimeout(
      opened.page.evaluate((o) => window.cnnBench.run('soakSteps', o), { steps, batch: 64 }),
      Math.max(10 * MIN, steps * 2000),
      'soak',
    );
  const point = async (p) => ({ ...p, heap: await heapAfterGc(opened.page) });
  try {
    // Warm-up first (pipelines, lazy allocations, the first evaluation), then SOAK_STEPS in chunks.
    const before = await point(await step(QUICK ? 40 : 100));
    const t0 = Date.now();
    say(`bench: soak of ${SOAK_STEPS} steps at batch 64 (from step ${before.step})...`);
    const points = [];
    let firstHeap = null;
    let done = 0;
    while (done < SOAK_STEPS && (Date.now() - t0) / 1000 < SOAK_MAX_SECONDS) {
      const p = await point(await step(Math.min(SOAK_CHUNK, SOAK_STEPS - done)));
      done = p.step - before.step;
      // The heap's make-up from the first checkpoint on (the first chunk pays one-time costs).
      if (points.length === 0 && SOAK_SNAPSHOTS) firstHeap = await pageHeapByConstructor(opened.page);
      points.push(p);
      say(
        `bench:   step ${p.step}: ${p.buffers.live} live buffers, heap ${(p.heap.usedBytes / 1e6).toFixed(2)} MB`,
      );
    }
    const after = points.at(-1) ?? before;
    const heapGrowth = firstHeap && growthSummary(firstHeap, await pageHeapByConstructor(opened.page));
    return {
      status: 'ok',
      batch: 64,
      steps: after.step - before.step,
      requestedSteps: SOAK_STEPS,
      seconds: (Date.now() - t0) / 1000,
      before,
      after,
      heapGrowthByConstructor: heapGrowth ?? null,
      trend: points.map((p) => ({
        step: p.step,
        liveBuffers: p.buffers.live,
        heapUsedBytes: p.heap.usedBytes,
      })),
    };
  } catch (error) {
    return { status: 'error', message: error.message.split('\n')[0] };
  } finally {
    await opened.context.close();
  }
}

async function main() {
  const started = Date.now();
  const loadAverageAtStart = Number(os.loadavg()[0].toFixed(1));
  const { appBuildError } = env.BENCH_SKIP_BUILD === '1' ? { appBuildError: null } : build();
  const server = await startServer([
    { prefix: '/', dir: path.join(root, 'bench/dist'), isolated: true },
    { prefix: '/data/', dir: path.join(root, 'public/data'), isolated: true },
    // Isolated as the built site is (dist/_headers), so its WebAssembly backend may use threads.
    { prefix: '/app/', dir: APP_DIST, isolated: true },
  ]);
  const browser = browserHost();
  const plainBrowser = browserHost(PLAIN_ARGS);
  const raw = { quick: QUICK, soakSteps: SOAK_STEPS, browserVersion: (await browser.get()).version() };
  const timed = async (label, fn) => {
    const t0 = Date.now();
    say(`bench: ${label}...`);
    const result = await fn();
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    say(`bench: ${label} done in ${secs} s${result?.status === 'error' ? `: ERROR ${result.message}` : ''}`);
    return result;
  };
  const m = (name, options, timeoutMs, query) =>
    measure(browser, server.origin, name, options, { timeoutMs, query });
  try {
    if (only.includes('adapter')) raw.adapter = await timed('adapter', () => m('adapter', {}, MIN));
    if (only.includes('ours')) {
      raw.ours = {};
      for (const b of BATCHES)
        raw.ours[b] = await timed(`ours, batch ${b}`, () => m('ours', { plan: plan(b) }, 10 * MIN));
    }
    if (only.includes('oursCpu')) {
      raw.oursCpu = {};
      for (const b of BATCHES)
        raw.oursCpu[b] = await timed(`ours (CPU), batch ${b}`, () =>
          m('oursCpu', { plan: cpuPlan(b) }, 10 * MIN),
        );
    }
    if (only.includes('cpu')) {
      // Issue 21: the CPU backends at batch 64, one page per side in turn, round after round (A/B/C/D,
      // A/B/C/D, ...), so a burst of load on this shared machine falls on every side alike.
      raw.cpuRounds = [];
      for (let r = 1; r <= CPU_ROUNDS; r++) {
        const round = {};
        const label = (side) => `CPU round ${r}/${CPU_ROUNDS}: ${side}, batch 64`;
        round.tfjsWasm = await timed(label('TF.js wasm'), () =>
          m('tfjs', { backend: 'wasm', plans: [plan(64)] }, 15 * MIN),
        );
        for (const threads of [1, 2]) {
          round[`oursWasm${threads}`] = await timed(
            label(`ours (wasm, ${threads} thread${threads > 1 ? 's' : ''})`),
            () => m('oursWasm', { plan: plan(64), threads }, 10 * MIN),
          );
        }
        round.parallelProbe = await timed(`CPU round ${r}/${CPU_ROUNDS}: parallelism probe`, () =>
          m('parallelProbe', {}, 5 * MIN),
        );
        round.oursCpu = await timed(label('ours (CPU, plain JS)'), () =>
          m('oursCpu', { plan: cpuPlan(64) }, 10 * MIN),
        );
        raw.cpuRounds.push(round);
      }
    }
    if (only.includes('newcomer')) {
      raw.newcomer = await timed('no WebGPU: a newcomer trains the app to 97%', () =>
        appBuildError
          ? { status: 'unavailable', reason: appBuildError }
          : measureNewcomer(plainBrowser, server.origin, { targetPercent: 97, limitMs: NEWCOMER_LIMIT_MS }),
      );
    }
    if (only.includes('generative')) {
      raw.generativeCpu = await timed('generative presets on the CPU, ours and PyTorch', async () =>
        generativeCpu(),
      );
    }
    if (only.includes('tuning')) {
      raw.tuning = await timed('kernel autotuning: tuned vs hand-picked plan', async () => tuning());
    }
    if (only.includes('tfjs')) {
      raw.tfjs = {};
      for (const backend of TFJS_BACKENDS) {
        raw.tfjs[backend] = await timed(`TF.js ${backend}`, () =>
          m('tfjs', { backend, plans: BATCHES.map(plan) }, 15 * MIN),
        );
      }
    }
    if (only.includes('kernels')) {
      const size = QUICK ? 512 : 1024;
      raw.kernels = await timed('kernels', () =>
        m('kernels', { matmulSize: size, batches: BATCHES }, 10 * MIN),
      );
      raw.tfjsMatmul = await timed('TF.js webgpu matmul', () =>
        m('tfjsMatmul', { backend: 'webgpu', size }, 10 * MIN),
      );
    }
    if (only.includes('accuracy')) {
      const o = { budgetMs: ACCURACY_BUDGET_MS, batch: 64 };
      raw.accuracy = { budgetMs: ACCURACY_BUDGET_MS };
      raw.accuracy.ours = await timed('accuracy, ours', () => m('oursAccuracy', o, 10 * MIN));
      // Where the app trains on this machine: its automatic choice (WebAssembly on a software adapter).
      raw.accuracy.oursAuto = await timed('accuracy, ours (automatic backend)', () =>
        m('oursAccuracy', { ...o, backend: 'auto' }, 10 * MIN),
      );
      raw.accuracy.tfjsWasm = await timed('accuracy, TF.js wasm', () =>
        m('tfjsAccuracy', { ...o, backend: 'wasm' }, 10 * MIN),
      );
    }
    if (only.includes('testSample')) {
      // Runs long enough for a couple of the sample clock's gaps on a slow device (SwiftShader: about 15 s).
      const o = { trainMs: QUICK ? 10_000 : 30_000, rounds: QUICK ? 2 : 6, batch: 64 };
      raw.testSample = await timed('test sample while training', () => m('testSampleCost', o, 15 * MIN));
    }
    if (only.includes('app')) {
      raw.firstStepBenchPage = await timed('first step (bench page)', () =>
        m('firstStep', {}, 5 * MIN, '?measure=firstStep&batch=64'),
      );
      raw.app = await timed('app page', () =>
        appBuildError
          ? { status: 'unavailable', reason: appBuildError }
          : measureApp(browser, server.origin, { trainMs: QUICK ? 10_000 : 30_000 }),
      );
    }
    if (only.includes('firstNumbers')) {
      raw.firstNumbers = await timed(`first numbers in the app (${FIRST_RUNS} fresh pages)`, () =>
        appBuildError
          ? { status: 'unavailable', reason: appBuildError }
          : measureFirstNumbers(browser, server.origin, { runs: FIRST_RUNS }),
      );
    }
    if (only.includes('soak')) raw.soak = await timed('soak', () => soak(browser, server.origin));
    if (only.includes('dense'))
      raw.dense = await timed('dense tasks', () => m('dense', { minMs: QUICK ? 3000 : 15_000 }, 20 * MIN));
  } finally {
    await browser.close();
    await plainBrowser.close();
    await server.close();
  }
  raw.totalSeconds = (Date.now() - started) / 1000;
  raw.loadAverageAtStart = loadAverageAtStart;
  const report = buildReport(raw, {
    date: new Date().toISOString(),
    machine: {
      loadAverageAtStart: raw.loadAverageAtStart,
      loadAverageAtEnd: Number(os.loadavg()[0].toFixed(1)),
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      platform: `${os.platform()} ${os.release()}`,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    },
  });
  const out = path.join(root, 'bench/results', QUICK ? 'quick.json' : 'latest.json');
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
  // Every measurement as it came back, so the report can be rebuilt without running again.
  await writeFile(out.replace(/\.json$/, '.raw.json'), `${JSON.stringify(raw)}\n`);
  printReport(report, say);
  say(`bench: wrote ${path.relative(root, out)} (${(raw.totalSeconds / 60).toFixed(1)} min)`);
  // Only a complete run replaces the README's table.
  if (!QUICK && GROUPS.every((g) => only.includes(g))) {
    await updateReadme(root, report);
    say('bench: README.md headline and docs/BENCH.md report updated');
  }
}

if (!existsSync(path.join(root, 'node_modules'))) {
  say('bench: run npm install first');
  process.exit(1);
}
await main();
