// The tuned plan against the hand-picked one for LeNet-5 at batch 64 on this adapter: every tunable site's
// candidates timed by the autotuner, then each site whose choice differs from the rule re-timed against it
// (interleaved, median), and one whole training step with each plan (interleaved blocks, median).
//   node --import ./scripts/engine-node.mjs bench/node/tuning.ts [--quick]
import { acquireGpu } from '../../src/gpu/device';
import { BufferArena } from '../../src/gpu/buffers';
import type { EngineContext, PlannedOp, TunableSite } from '../../src/engine/op';
import { tunedChooser } from '../../src/engine/tuning/choosers';
import { median, tuneSites, type TuneBudget } from '../../src/engine/tuning/tuner';
import { deviceTimer, type OpTimer } from '../../src/engine/tuning/timer';
import { designSites } from '../../src/model/tunable-sites';
import { GpuBackend } from '../../src/training/gpu-backend';
import { NORMALISATION } from '../../src/training/normalisation';
import { optimizerSettings } from '../../src/training/optimizer-settings';
import { benchHyper, lenetModel } from '../setup';

export interface SiteRow {
  key: string;
  handPicked: string;
  tuned: string;
  /** The tuner's medians, ms per run of the op, per candidate. */
  medians: Record<string, number>;
  /** Re-timed after tuning (interleaved): hand-picked ms / tuned ms; 1 where the choice is the rule's. */
  speedup: number;
}

async function abSite(device: GPUDevice, site: TunableSite, tuned: string, timer: OpTimer, rounds: number) {
  const ctx: EngineContext = { device, arena: new BufferArena(device, 'bench/ab') };
  try {
    const problem = site.problem();
    const ops: PlannedOp[] = [site.handPicked, tuned].map((v) => problem.plan(ctx, v).op);
    for (const op of ops) await timer.time(op, 2);
    const times: number[][] = [[], []];
    for (let r = 0; r < rounds; r++) {
      for (const i of r % 2 ? [1, 0] : [0, 1]) times[i].push(await timer.time(ops[i], 8));
    }
    return median(times[0]) / median(times[1]);
  } finally {
    ctx.arena.destroy();
  }
}

/** A LeNet-5 training step on synthetic images, alternating the two plans in blocks of `block` steps. */
async function abStep(device: GPUDevice, tunedChoices: Map<string, string>, rounds: number, block = 8) {
  const B = 64;
  const count = 4096;
  const { desc, init } = lenetModel(B);
  const images = Uint8Array.from({ length: count * 784 }, (_, i) => (i * 2654435761) >>> 24);
  const labels = Uint8Array.from({ length: count }, (_, i) => i % 10);
  const split = { images, labels, capacity: count, available: count };
  const data = { pixels: 784, train: split, test: split };
  const errors: string[] = [];
  const backends = [undefined, tunedChooser(tunedChoices)].map((variants) => {
    const b = new GpuBackend(
      device,
      () => undefined,
      (m) => errors.push(m),
    );
    b.variants = variants;
    b.syncDataset(data, 'train', 0, count);
    b.build(desc, benchHyper(B), init);
    b.setOrder(Uint32Array.from({ length: count }, (_, i) => i));
    return b;
  });
  try {
    const run = async (b: GpuBackend) => {
      const t0 = performance.now();
      for (let k = 0; k < block; k++) b.step(k * B, k);
      await device.queue.onSubmittedWorkDone();
      return (performance.now() - t0) / block;
    };
    for (const b of backends) await run(b);
    const times: number[][] = [[], []];
    for (let r = 0; r < rounds; r++) {
      for (const i of r % 2 ? [1, 0] : [0, 1]) times[i].push(await run(backends[i]));
    }
    if (errors.length) throw new Error(`WebGPU errors in the step A/B: ${errors.join(' | ')}`);
    return { handPickedMs: median(times[0]), tunedMs: median(times[1]) };
  } finally {
    for (const b of backends) b.destroy();
  }
}

export async function tunedVsHandPicked(
  device: GPUDevice,
  options: { budget?: TuneBudget; rounds?: number; abRounds?: number } = {},
) {
  const { desc } = lenetModel(64);
  const hyper = benchHyper(64);
  const sites = designSites(device, desc, {
    batch: 64,
    seed: 1,
    normalisation: NORMALISATION,
    optimizer: optimizerSettings(hyper),
  });
  const timer = deviceTimer(device);
  try {
    const t0 = performance.now();
    const tuned = await tuneSites(device, sites, {
      budget: options.budget ?? { maxRuns: 100_000, maxMs: 600_000 },
      rounds: options.rounds ?? 5,
      timer,
    });
    const tuneMs = performance.now() - t0;
    const rows: SiteRow[] = [];
    for (const site of sites) {
      const choice = tuned.choices.get(site.key) ?? site.handPicked;
      const speedup =
        choice === site.handPicked ? 1 : await abSite(device, site, choice, timer, options.abRounds ?? 9);
      const medians = tuned.medians.get(site.key) ?? {};
      rows.push({ key: site.key, handPicked: site.handPicked, tuned: choice, medians, speedup });
    }
    const step = await abStep(device, tuned.choices, options.abRounds ?? 9);
    return {
      timing: timer.method,
      tuneMs,
      runs: tuned.runs,
      untuned: tuned.untuned,
      sites: rows,
      step: { ...step, speedup: step.handPickedMs / step.tunedMs },
    };
  } finally {
    timer.dispose();
  }
}

if (process.argv[1]?.endsWith('tuning.ts')) {
  const { device } = await acquireGpu();
  try {
    const quick = process.argv.includes('--quick');
    const result = await tunedVsHandPicked(device, quick ? { rounds: 3, abRounds: 5 } : {});
    process.stdout.write(`${JSON.stringify({ status: 'ok', ...result })}\n`);
  } finally {
    device.destroy();
  }
}
