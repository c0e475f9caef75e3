// The CPU-backend part of the report (issue 21): LeNet-5 training at batch 64 on our WebAssembly ops with 1
// and 2 threads, TF.js-wasm and our plain-JS CPU backend, measured in interleaved rounds (one page per side
// per round, the sides in turn), so load that comes and goes on the machine falls on every side alike. Each
// ratio is taken within a round, and the median over rounds is reported.

export const CPU_SIDES = [
  ['oursWasm1', 'ours (wasm, 1 thread)'],
  ['oursWasm2', 'ours (wasm, 2 threads)'],
  ['tfjsWasm', 'TF.js 4.22 wasm'],
  ['oursCpu', 'ours (CPU, plain JS)'],
];

const RATIOS = [
  ['oursWasm1OverTfjsWasm', 'oursWasm1', 'tfjsWasm'],
  ['oursWasm2OverTfjsWasm', 'oursWasm2', 'tfjsWasm'],
  ['oursWasm1OverOursCpu', 'oursWasm1', 'oursCpu'],
  ['oursWasm2OverOursCpu', 'oursWasm2', 'oursCpu'],
  ['oursWasm2OverOursWasm1', 'oursWasm2', 'oursWasm1'],
];

const ok = (r) => r && r.status === 'ok';
const round2 = (x) => (typeof x === 'number' && Number.isFinite(x) ? Number(x.toFixed(2)) : null);

/** The middle value (mean of the two middle ones for an even count); null for none. */
export function median(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/** A round's training images/s of a side: TF.js runs hold batches, ours are one run. */
function ips(run) {
  if (!ok(run)) return null;
  const b = run.batches ? run.batches.find((x) => x.batch === 64) : run;
  return b?.synced?.imagesPerSecond ?? null;
}

/** rounds: [{ oursWasm1, oursWasm2, tfjsWasm, oursCpu }] of raw runs. */
export function cpuBackends(rounds) {
  if (!Array.isArray(rounds) || rounds.length === 0) return { status: 'not run' };
  const perRound = rounds.map((r) => Object.fromEntries(CPU_SIDES.map(([key]) => [key, ips(r[key])])));
  const imagesPerSecond = Object.fromEntries(
    CPU_SIDES.map(([key]) => [key, round2(median(perRound.map((r) => r[key])))]),
  );
  const ratio = (a, b) => (a !== null && b !== null && b > 0 ? a / b : null);
  const ratios = Object.fromEntries(
    RATIOS.map(([name, a, b]) => [name, round2(median(perRound.map((r) => ratio(r[a], r[b]))))]),
  );
  const failures = rounds.flatMap((r, i) =>
    CPU_SIDES.filter(([key]) => r[key] && !ok(r[key])).map(
      ([key]) => `round ${i + 1} ${key}: ${r[key].status}: ${r[key].reason ?? r[key].message}`,
    ),
  );
  const probes = rounds.map((r) => (ok(r.parallelProbe) ? r.parallelProbe.medianSpeedup : null));
  return {
    status: 'ok',
    batch: 64,
    rounds: rounds.length,
    twoJsThreadsSpeedup: round2(median(probes)),
    imagesPerSecond,
    ratios,
    perRound,
    threads: rounds.map((r) => r.oursWasm2?.details ?? null)[0],
    failures,
    method:
      'each round opens one fresh page per side in turn (TF.js wasm, ours wasm 1 thread, ours wasm 2 threads, ours plain JS); ' +
      'images/s and ratios are the medians over rounds of the synced training runs, each ratio taken within a round; ' +
      'twoJsThreadsSpeedup: the same integer loop on one worker, then split over two, in each round (the most a second thread could give then)',
  };
}

/** The round whose 1- or 2-thread run is the side's median, for the main tables. */
export function medianRun(rounds, key) {
  const runs = (rounds ?? []).map((r) => r[key]).filter(ok);
  if (runs.length === 0) return (rounds ?? []).map((r) => r[key])[0];
  const sorted = [...runs].sort((a, b) => ips(a) - ips(b));
  return sorted[(sorted.length - 1) >> 1];
}

export function cpuTargets(c, t) {
  const value = (name) => (c.status === 'ok' ? c.ratios[name] : null);
  return [
    t(
      'wasm CPU ops, 1 thread ≥ 1.0× TF.js-wasm (LeNet-5 training, batch 64, interleaved)',
      value('oursWasm1OverTfjsWasm'),
      value('oursWasm1OverTfjsWasm') >= 1.0,
    ),
    t(
      'wasm CPU ops, 2 threads ≥ 1.6× TF.js-wasm (LeNet-5 training, batch 64, interleaved)',
      value('oursWasm2OverTfjsWasm'),
      value('oursWasm2OverTfjsWasm') >= 1.6,
    ),
  ];
}

export function cpuTable(r, say, table) {
  const c = r.cpuBackends;
  if (!c || c.status !== 'ok') {
    say(`CPU backends: ${c?.status ?? 'not run'}`);
    say('');
    return;
  }
  say(`CPU backends, LeNet-5 training images/s at batch 64 (median of ${c.rounds} interleaved rounds):`);
  const cell = (v, unit = '') => (v === null || v === undefined ? '—' : `${v}${unit}`);
  table(
    ['side', 'images/s', 'per round'],
    CPU_SIDES.map(([key, name]) => [
      name,
      cell(c.imagesPerSecond[key]),
      c.perRound.map((p) => cell(p[key] === null ? null : Math.round(p[key]))).join(', '),
    ]),
    say,
  );
  table(
    ['ratio (median of per-round ratios)', 'value'],
    [
      ['wasm 1 thread / TF.js wasm', cell(c.ratios.oursWasm1OverTfjsWasm, '×')],
      ['wasm 2 threads / TF.js wasm', cell(c.ratios.oursWasm2OverTfjsWasm, '×')],
      ['wasm 1 thread / ours plain JS', cell(c.ratios.oursWasm1OverOursCpu, '×')],
      ['wasm 2 threads / ours plain JS', cell(c.ratios.oursWasm2OverOursCpu, '×')],
      ['wasm 2 threads / 1 thread', cell(c.ratios.oursWasm2OverOursWasm1, '×')],
      ['two JS threads / one on this machine (probe)', cell(c.twoJsThreadsSpeedup, '×')],
    ],
    say,
  );
  for (const f of c.failures) say(`  ${f}`);
}

/** The no-WebGPU newcomer run (raw.newcomer) as the report keeps it. */
export function newcomerSummary(n) {
  if (!n) return { status: 'not run' };
  if (!ok(n)) return { status: n.status, reason: n.reason ?? n.message };
  const seconds = (ms) => (typeof ms === 'number' ? Number((ms / 1000).toFixed(1)) : null);
  return {
    status: 'ok',
    backend: n.backend,
    reason: n.reason,
    crossOriginIsolated: n.crossOriginIsolated,
    targetPercent: n.targetPercent,
    reached: n.reached,
    pageLoadToTargetSeconds: seconds(n.pageLoadToTargetMs),
    clickToTargetSeconds: seconds(n.clickToTargetMs),
    pageLoadToTrainEnabledSeconds: seconds(n.pageLoadToTrainEnabledMs),
    stepAtTarget: n.stepAtTarget,
    accuracies: n.accuracies.map((a) => ({
      percent: a.percent,
      step: a.step,
      afterClickSeconds: seconds(a.afterClickMs),
    })),
    imagesPerSecondShown: n.imagesPerSecondShown,
    method:
      'the built app (isolated as the site is) in Chromium without WebGPU: the default design (LeNet-5) and hyperparameters; Train is pressed once it is enabled, and the test accuracy shown after each epoch is watched until it reaches the target; timed from navigation start',
  };
}

export function newcomerTarget(n, t) {
  const value = n.status === 'ok' ? n.pageLoadToTargetSeconds : null;
  return t(
    `no WebGPU: a newcomer reaches ${n.targetPercent ?? 97}% test accuracy on MNIST in < 60 s (page load → accuracy shown, s)`,
    value,
    value !== null && value < 60,
    n.status === 'ok' && !n.reached ? 'the target was not reached within the limit' : undefined,
  );
}

const GENERATIVE_SIDES = [
  ['wasm1', 'ours, WebAssembly 1 thread'],
  ['wasm2', 'ours, WebAssembly 2 threads'],
  ['js', 'ours, plain JavaScript'],
];

/** Seconds per step of the generative presets (raw.generativeCpu), ours and PyTorch's, per side. */
export function generativeSummary(g) {
  if (!g) return { status: 'not run' };
  if (!ok(g)) return { status: g.status, reason: g.reason ?? g.message };
  const torch = ok(g.torch) ? g.torch : null;
  const rows = [];
  for (const preset of ['autoencoder', 'dcgan']) {
    const torch1 = torch?.threads['1']?.[preset];
    const add = (side, name, run) =>
      run &&
      rows.push({
        preset,
        side,
        name,
        steps: run.steps,
        cpuSecondsPerStep: Number(run.cpuSecondsPerStep.toFixed(4)),
        wallSecondsPerStep: Number(run.wallSecondsPerStep.toFixed(4)),
        cpuOverTorch1Thread: torch1 ? round2(run.cpuSecondsPerStep / torch1.cpuSecondsPerStep) : null,
      });
    for (const [side, name] of GENERATIVE_SIDES) add(side, name, g.ours[side]?.[preset]);
    for (const threads of Object.keys(torch?.threads ?? {}))
      add(
        `torch${threads}`,
        `PyTorch ${torch.version}, ${threads} thread${threads === '1' ? '' : 's'}`,
        torch.threads[threads][preset],
      );
  }
  return {
    status: 'ok',
    batch: g.batch,
    torch: torch ? { version: torch.version } : { status: g.torch?.status, reason: g.torch?.reason },
    rows,
    method:
      "Node, the app's own CpuAutoencoder and CpuGan on our kernels (the same .wasm the browser loads) and PyTorch on the networks exported from the same presets (src/network/export), batch " +
      `${g.batch}, preset hyperparameters, random inputs; one warm-up step, then steps for ${g.budgetMs} ms (at least 3); ` +
      'CPU-seconds: user + system time of the process (all threads) per step; DCGAN step: D on real and fake, then G through D',
  };
}

export function newcomerAndGenerativeTables(r, say, table) {
  const n = r.newcomer;
  if (n?.status === 'ok') {
    say(`No WebGPU, the app's defaults (LeNet-5): ${n.backend} (${n.reason})`);
    table(
      ['figure', 'value'],
      [
        ['page load → Train enabled', `${n.pageLoadToTrainEnabledSeconds} s`],
        [
          `page load → ${n.targetPercent}% test accuracy shown`,
          n.reached ? `${n.pageLoadToTargetSeconds} s` : 'not reached',
        ],
        [
          `Train click → ${n.targetPercent}% shown`,
          n.reached ? `${n.clickToTargetSeconds} s (step ${n.stepAtTarget})` : '—',
        ],
        [
          'test accuracy after each epoch',
          n.accuracies.map((a) => `${a.percent}% at ${a.afterClickSeconds} s`).join(', ') || '—',
        ],
        ['images/s shown', n.imagesPerSecondShown ?? '—'],
      ],
      say,
    );
  } else say(`No WebGPU newcomer: ${n?.status ?? 'not run'}${n?.reason ? `: ${n.reason}` : ''}`);
  const g = r.generativeCpu;
  if (g?.status === 'ok') {
    say(`Generative presets on the CPU, seconds per training step at batch ${g.batch}:`);
    table(
      ['preset', 'side', 'CPU-s/step', 'wall s/step', 'CPU-s vs PyTorch 1 thread'],
      g.rows.map((row) => [
        row.preset === 'dcgan' ? 'DCGAN (G + D)' : 'conv autoencoder',
        row.name,
        row.cpuSecondsPerStep,
        row.wallSecondsPerStep,
        row.cpuOverTorch1Thread === null ? '—' : `${row.cpuOverTorch1Thread}×`,
      ]),
      say,
    );
    if (g.torch.status) say(`  PyTorch: ${g.torch.status}: ${g.torch.reason}`);
  } else say(`Generative presets on the CPU: ${g?.status ?? 'not run'}${g?.reason ? `: ${g.reason}` : ''}`);
  say('');
}
