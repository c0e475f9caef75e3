// The benchmark's own plumbing: the static server (mounts, isolation headers, no escape from its folders)
// and the report (ratios, unavailable sides, targets that cannot be judged stay unjudged).
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { END, START, withReport } from '../bench/driver/readme.mjs';
import { buildReport, printReport, type Json } from '../bench/driver/report.mjs';
import { startServer } from '../bench/driver/server.mjs';

describe('bench server', () => {
  let dir: string;
  let server: { origin: string; close(): Promise<void> };
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'bench-server-'));
    mkdirSync(path.join(dir, 'page'));
    mkdirSync(path.join(dir, 'data'));
    writeFileSync(path.join(dir, 'page/index.html'), '<p>bench</p>');
    writeFileSync(path.join(dir, 'page/k.wasm'), new Uint8Array([0, 97, 115, 109]));
    writeFileSync(path.join(dir, 'data/t.gz'), 'gz');
    writeFileSync(path.join(dir, 'secret.txt'), 'outside every mount');
    server = await startServer([
      { prefix: '/', dir: path.join(dir, 'page'), isolated: true },
      { prefix: '/data/', dir: path.join(dir, 'data'), isolated: false },
    ]);
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html for / with the cross-origin isolation headers', async () => {
    const r = await fetch(`${server.origin}/`);
    expect(r.status).toBe(200);
    expect(await r.text()).toBe('<p>bench</p>');
    expect(r.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(r.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
  });

  it('serves wasm as application/wasm and picks the longest matching mount', async () => {
    expect((await fetch(`${server.origin}/k.wasm`)).headers.get('content-type')).toBe('application/wasm');
    const gz = await fetch(`${server.origin}/data/t.gz`);
    expect(await gz.text()).toBe('gz');
    expect(gz.headers.get('content-encoding')).toBeNull();
    expect(gz.headers.get('cross-origin-opener-policy')).toBeNull();
  });

  it('answers 404 for missing files and for paths that climb out of a mount', async () => {
    for (const p of ['/nope.js', '/%2e%2e/secret.txt', '/data/%2e%2e/secret.txt', '/data/..%2fsecret.txt']) {
      expect((await fetch(`${server.origin}${p}`)).status, p).toBe(404);
    }
  });
});

const run = (ips: number, extra: Json = {}) => ({
  status: 'ok',
  firstStepLoss: 2.3,
  synced: { imagesPerSecond: ips },
  pipelined: { imagesPerSecond: ips * 1.1 },
  inference: { imagesPerSecond: ips * 3 },
  ...extra,
});

describe('bench report', () => {
  const raw: Json = {
    quick: false,
    browserVersion: '156',
    totalSeconds: 600,
    ours: { 64: { ...run(1000), batch: 64 }, 256: { ...run(1200), batch: 256 } },
    oursCpu: { 64: { ...run(150), batch: 64 }, 256: { status: 'error', message: 'page crashed' } },
    tfjs: {
      webgpu: {
        status: 'ok',
        details: {},
        batches: [
          { ...run(40), batch: 64 },
          { ...run(50), batch: 256 },
        ],
      },
      wasm: {
        status: 'ok',
        details: {},
        batches: [
          { ...run(2500), batch: 64 },
          { ...run(2000), batch: 256 },
        ],
      },
      webgl: { status: 'unavailable', reason: 'WebGL is not supported on this device' },
    },
    accuracy: { budgetMs: 60_000, ours: { status: 'ok', testAccuracy: 0.9812 } },
  };
  const report = buildReport(raw, { date: '2026-11-25T10:00:00Z', machine: { cpus: 2 } });

  it('computes the ratios at batch 64 and 256 from the synced runs', () => {
    const ratios = report.ratios as Json;
    expect(ratios.oursOverTfjsWebgpu).toBe(25);
    expect(ratios.oursOverTfjsWasm).toBe(0.4);
    expect(ratios.batch256).toEqual({ oursOverTfjsWebgpu: 24, oursOverTfjsWasm: 0.6 });
  });

  it('carries an unavailable side with its reason, and a side never run as such', () => {
    const training = report.trainingImagesPerSecond as Json;
    expect(training.tfjsWebgl).toBe('unavailable: WebGL is not supported on this device');
    expect(training.tfjsCpu).toBe('not run: not run');
    expect(training.ours).toEqual({ batch64: 1000, batch256: 1200 });
  });

  it('reports our CPU backend per batch, a failed batch left without a figure', () => {
    expect((report.trainingImagesPerSecond as Json).oursCpu).toEqual({ batch64: 150, batch256: null });
    expect((report.inferenceImagesPerSecond as Json).oursCpu).toEqual({ batch64: 450, batch256: null });
    const noCpu = buildReport({ ...raw, oursCpu: undefined }, { date: '2026-11-25T10:00:00Z', machine: {} });
    expect((noCpu.trainingImagesPerSecond as Json).oursCpu).toBe('not run: not run');
  });

  it('judges the targets it has figures for and leaves the others unjudged', () => {
    const targets = report.targets as { target: string; value: unknown; met: boolean | null }[];
    const met = (prefix: string) => targets.find((t) => t.target.startsWith(prefix))?.met;
    expect(met('training throughput ≥ 20×')).toBe(true);
    expect(met('training throughput ≥ 0.5×')).toBe(false);
    expect(met('≥ 98% test accuracy')).toBe(true);
    expect(met('no main-thread task')).toBeNull();
    expect(met('zero growth in GPU buffers')).toBeNull();
  });

  it("replaces the README's report between its markers and keeps the rest", () => {
    const readme = `# Title\n\n${START}\nold table\n${END}\n\n## After\n`;
    const once = withReport(readme, report);
    expect(once.startsWith(`# Title\n\n${START}\n`)).toBe(true);
    expect(once.endsWith(`${END}\n\n## After\n`)).toBe(true);
    expect(once).not.toContain('old table');
    expect(once).toContain('| ours / TF.js webgpu');
    expect(withReport(once, report)).toBe(once);
    expect(() => withReport('# no markers\n', report)).toThrow(/needs the markers/);
  });

  it('reports what the test sample costs training, or that it was not run', () => {
    const testSample = {
      status: 'ok',
      batch: 64,
      trainMsPerRun: 30_000,
      rounds: 2,
      imagesPerSecondWithout: 400,
      imagesPerSecondWith: 388,
      throughputRatio: 0.97,
      medianPairRatio: 0.98,
      pairRatios: [0.96, 0.98],
      sampleEvaluations: 4,
      sampleImages: 512,
      sampleEvaluationMs: 450,
      evaluationShare: 0.03,
      gapAfterEvaluationMs: 15_000,
      settings: { testSampleSize: 512, testSampleEveryMs: 2000, testSampleBudget: 0.03 },
    };
    const withSample = buildReport({ ...raw, testSample }, { date: '2026-11-25T10:00:00Z', machine: {} });
    expect(withSample.testSampleWhileTraining).toMatchObject({
      status: 'ok',
      throughputRatio: 0.97,
      slowdownPercent: 3,
      evaluationSharePercent: 3,
      sampleEvaluations: 4,
    });
    const lines: string[] = [];
    printReport(withSample, (line) => lines.push(line));
    expect(lines.some((l) => l.includes('test sample / without') && l.includes('0.97×'))).toBe(true);
    expect(report.testSampleWhileTraining).toEqual({ status: 'not run', reason: 'not run' });
  });

  it('prints the tables without failing on missing parts', () => {
    const lines: string[] = [];
    printReport(report, (line) => lines.push(line));
    expect(lines.some((l) => l.includes('| ours / TF.js webgpu') && l.includes('25×'))).toBe(true);
    expect(lines.some((l) => l.startsWith('| ours (CPU)') && l.includes('150') && l.includes('—'))).toBe(
      true,
    );
  });
});

describe('bench report: the CPU backends in interleaved rounds (issue 21)', () => {
  const wasm = (ips: number, threads: number) => ({
    ...run(ips),
    batch: 64,
    details: { threads, shared: true, crossOriginIsolated: true },
  });
  const tfjs = (ips: number) => ({ status: 'ok', details: {}, batches: [{ ...run(ips), batch: 64 }] });
  const rounds = [
    {
      tfjsWasm: tfjs(2000),
      oursWasm1: wasm(2400, 1),
      oursWasm2: wasm(3600, 2),
      oursCpu: { ...run(800), batch: 64 },
      parallelProbe: { status: 'ok', medianSpeedup: 1.9 },
    },
    // A loaded round: every side slower, the ratios much the same.
    {
      tfjsWasm: tfjs(1000),
      oursWasm1: wasm(1100, 1),
      oursWasm2: wasm(1500, 2),
      oursCpu: { ...run(400), batch: 64 },
    },
    {
      tfjsWasm: tfjs(2200),
      oursWasm1: wasm(2860, 1),
      oursWasm2: { status: 'error', message: 'worker failed' },
      oursCpu: { ...run(880), batch: 64 },
    },
  ];
  const report = buildReport(
    { quick: false, browserVersion: '156', totalSeconds: 60, cpuRounds: rounds },
    {
      date: '2026-12-04T10:00:00Z',
      machine: { cpus: 2 },
    },
  );
  const cpu = report.cpuBackends as Json;

  it('takes each ratio within its round and reports the median over rounds', () => {
    expect(cpu.imagesPerSecond).toEqual({ oursWasm1: 2400, oursWasm2: 2550, tfjsWasm: 2000, oursCpu: 800 });
    const ratios = cpu.ratios as Json;
    // Per round 1.2, 1.1, 1.3 -> 1.2; the failed 2-thread run leaves 1.8 and 1.5 -> 1.65.
    expect(ratios.oursWasm1OverTfjsWasm).toBe(1.2);
    expect(ratios.oursWasm2OverTfjsWasm).toBe(1.65);
    expect(ratios.oursWasm1OverOursCpu).toBe(3);
    expect(cpu.failures).toEqual(['round 3 oursWasm2: error: worker failed']);
    // The probe ran in one round only.
    expect(cpu.twoJsThreadsSpeedup).toBe(1.9);
  });

  it('judges the two targets and shows the median rounds in the main tables', () => {
    const targets = report.targets as { target: string; value: unknown; met: boolean | null }[];
    const find = (s: string) => targets.find((t) => t.target.startsWith(s));
    expect(find('wasm CPU ops, 1 thread')).toMatchObject({ value: 1.2, met: true });
    expect(find('wasm CPU ops, 2 threads')).toMatchObject({ value: 1.65, met: true });
    const training = report.trainingImagesPerSecond as Json;
    expect(training.oursWasm1).toEqual({ batch64: 2400, batch256: null });
    expect(training.oursWasm2).toEqual({ batch64: 1500, batch256: null });
    const lines: string[] = [];
    printReport(report, (line) => lines.push(line));
    expect(lines.some((l) => l.startsWith('| wasm 2 threads / TF.js wasm') && l.includes('1.65×'))).toBe(
      true,
    );
  });

  it('leaves the targets unjudged when the group did not run', () => {
    const none = buildReport(
      { quick: true, browserVersion: '156', totalSeconds: 1 },
      { date: '2026-12-04', machine: {} },
    );
    expect((none.cpuBackends as Json).status).toBe('not run');
    const targets = none.targets as { target: string; met: boolean | null }[];
    expect(targets.filter((t) => t.target.startsWith('wasm CPU ops')).map((t) => t.met)).toEqual([
      null,
      null,
    ]);
  });
});

describe('bench report: the no-WebGPU newcomer and the generative presets (issue 21)', () => {
  const timing = (cpu: number, wall: number) => ({
    steps: 10,
    cpuSecondsPerStep: cpu,
    wallSecondsPerStep: wall,
  });
  const raw: Json = {
    quick: false,
    browserVersion: '156',
    totalSeconds: 60,
    newcomer: {
      status: 'ok',
      backend: 'WebAssembly',
      reason: 'WebAssembly, 2 threads: WebGPU is present but no GPU adapter was found.',
      crossOriginIsolated: true,
      targetPercent: 97,
      pageLoadToTrainEnabledMs: 2100,
      reached: true,
      clickToTargetMs: 15_400,
      pageLoadToTargetMs: 17_600,
      stepAtTarget: 937,
      accuracies: [{ at: 17_600, percent: 98.1, step: 937, afterClickMs: 15_400 }],
      imagesPerSecondShown: '4,500',
    },
    generativeCpu: {
      status: 'ok',
      batch: 64,
      budgetMs: 5000,
      ours: {
        wasm1: { autoencoder: timing(0.02, 0.021), dcgan: timing(0.15, 0.16) },
        wasm2: { autoencoder: timing(0.022, 0.012), dcgan: timing(0.16, 0.09) },
        js: { autoencoder: timing(0.3, 0.3), dcgan: timing(3, 3) },
      },
      torch: {
        status: 'ok',
        version: '1.13.0',
        threads: {
          '1': { autoencoder: timing(0.04, 0.04), dcgan: timing(0.2, 0.2) },
          '2': { autoencoder: timing(0.05, 0.03), dcgan: timing(0.25, 0.14) },
        },
      },
    },
  };
  const report = buildReport(raw, { date: '2026-12-05T10:00:00Z', machine: { cpus: 2 } });
  const targets = report.targets as { target: string; value: unknown; met: boolean | null }[];
  const newcomer = (r: Json) =>
    (r.targets as { target: string; value: unknown; met: boolean | null }[]).find((t) =>
      t.target.startsWith('no WebGPU: a newcomer'),
    );

  it('judges the newcomer target from page load to the accuracy shown', () => {
    expect(newcomer(report)).toMatchObject({ value: 17.6, met: true });
    expect(targets.length).toBeGreaterThan(0);
    const slow = buildReport(
      { ...raw, newcomer: { ...(raw.newcomer as Json), pageLoadToTargetMs: 61_000 } },
      { date: '2026-12-05', machine: {} },
    );
    expect(newcomer(slow)).toMatchObject({ value: 61, met: false });
    const missed = buildReport(
      { ...raw, newcomer: { ...(raw.newcomer as Json), reached: false, pageLoadToTargetMs: null } },
      { date: '2026-12-05', machine: {} },
    );
    expect(newcomer(missed)).toMatchObject({
      value: null,
      met: null,
      note: expect.stringMatching(/not reached/),
    });
    const notRun = buildReport(
      { quick: true, browserVersion: '156', totalSeconds: 1 },
      { date: '2026-12-05', machine: {} },
    );
    expect(newcomer(notRun)?.met).toBeNull();
  });

  it('puts each generative side next to PyTorch on one thread, in CPU-seconds per step', () => {
    const rows = (report.generativeCpu as Json).rows as Json[];
    const row = (preset: string, side: string) => rows.find((r) => r.preset === preset && r.side === side);
    expect(row('autoencoder', 'wasm1')).toMatchObject({ cpuSecondsPerStep: 0.02, cpuOverTorch1Thread: 0.5 });
    expect(row('dcgan', 'js')).toMatchObject({ cpuOverTorch1Thread: 15 });
    expect(row('dcgan', 'torch2')).toMatchObject({
      name: 'PyTorch 1.13.0, 2 threads',
      cpuOverTorch1Thread: 1.25,
    });
    const lines: string[] = [];
    printReport(report, (line) => lines.push(line));
    expect(lines.some((l) => l.startsWith('| DCGAN (G + D)') && l.includes('0.75×'))).toBe(true);
    expect(
      lines.some((l) => l.startsWith('| page load → 97% test accuracy shown') && l.includes('17.6 s')),
    ).toBe(true);
  });
});
