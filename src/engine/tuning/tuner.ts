// The autotuner: times every candidate variant of each site on the device (interleaved rounds, median
// per candidate) and keeps the fastest, within a budget of timed runs and of wall time. A site the budget
// cannot finish keeps its hand-picked variant and is not reported as tuned, so it is tried again later.
import { BufferArena } from '../../gpu/buffers';
import type { EngineContext, TunableSite } from '../op';
import { deviceTimer, type OpTimer } from './timer';

export interface TuneBudget {
  /** Timed submissions at most, warm-ups included: each site costs candidates x (1 + rounds). */
  maxRuns: number;
  /** Wall time after which no further site is started. */
  maxMs: number;
}

export interface TuneProgress {
  done: number;
  total: number;
  key: string;
}

export interface TuneOptions {
  budget: TuneBudget;
  /** Interleaved timing rounds per site (each candidate once a round, the order rotated). */
  rounds?: number;
  /** A candidate must beat the hand-picked median by this fraction to replace it (noise guard). */
  margin?: number;
  timer?: OpTimer;
  onProgress?: (p: TuneProgress) => void;
}

export interface TuneResult {
  /** Site key -> chosen variant, for the sites tuned here. */
  choices: Map<string, string>;
  /** Site key -> variant -> median ms per repetition. */
  medians: Map<string, Record<string, number>>;
  /** Timed submissions made. */
  runs: number;
  /** Sites left untuned when the budget ran out. */
  untuned: string[];
}

/** Each run of a site encodes the op this many times at most, so one run lasts about RUN_TARGET_MS. */
const MAX_REPS = 32;
const RUN_TARGET_MS = 4;

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * The fastest candidate by median time; the hand-picked one stays unless another is faster by more than
 * `margin` of its time, so measurement noise never trades a rule-picked kernel for an equal one.
 */
export function pickFastest(
  medians: Readonly<Record<string, number>>,
  handPicked: string,
  margin: number,
): string {
  let best = handPicked;
  let bestMs = medians[handPicked] ?? Infinity;
  const bar = bestMs * (1 - margin);
  for (const [variant, ms] of Object.entries(medians)) {
    if (variant !== handPicked && ms < bar && ms < bestMs) [best, bestMs] = [variant, ms];
  }
  return best;
}

/** Runs a site's candidates, each planned on its own scratch problem, and returns their medians. */
async function timeSite(
  device: GPUDevice,
  site: TunableSite,
  timer: OpTimer,
  rounds: number,
): Promise<Record<string, number>> {
  const ctx: EngineContext = { device, arena: new BufferArena(device, `tune/${site.key}`) };
  try {
    const problem = site.problem();
    const ops = site.candidates.map((v) => problem.plan(ctx, v).op);
    // Warm-up: the first run compiles the pipeline; it also sizes the repetitions per run.
    const warm = [];
    for (const op of ops) warm.push(await timer.time(op, 1));
    const reps = Math.max(
      1,
      Math.min(MAX_REPS, Math.ceil(RUN_TARGET_MS / Math.max(Math.min(...warm), 1e-3))),
    );
    const times: number[][] = ops.map(() => []);
    for (let r = 0; r < rounds; r++) {
      for (let j = 0; j < ops.length; j++) {
        const i = (j + r) % ops.length;
        times[i].push(await timer.time(ops[i], reps));
      }
    }
    return Object.fromEntries(site.candidates.map((v, i) => [v, median(times[i])]));
  } finally {
    ctx.arena.destroy();
  }
}

/** Tunes `sites` in order until the budget is spent. Sites with one candidate need no tuning and are skipped. */
export async function tuneSites(
  device: GPUDevice,
  sites: readonly TunableSite[],
  options: TuneOptions,
): Promise<TuneResult> {
  const { budget, rounds = 5, margin = 0.03, onProgress } = options;
  const timer = options.timer ?? deviceTimer(device);
  const counting: OpTimer = {
    method: timer.method,
    time: (op, reps) => {
      result.runs += 1;
      return timer.time(op, reps);
    },
    dispose: () => undefined,
  };
  const result: TuneResult = { choices: new Map(), medians: new Map(), runs: 0, untuned: [] };
  const tunable = sites.filter((s) => s.candidates.length > 1);
  const start = performance.now();
  try {
    for (const [index, site] of tunable.entries()) {
      const cost = site.candidates.length * (1 + rounds);
      if (result.runs + cost > budget.maxRuns || performance.now() - start > budget.maxMs) {
        result.untuned.push(...tunable.slice(index).map((s) => s.key));
        break;
      }
      const medians = await timeSite(device, site, counting, rounds);
      result.medians.set(site.key, medians);
      result.choices.set(site.key, pickFastest(medians, site.handPicked, margin));
      onProgress?.({ done: index + 1, total: tunable.length, key: site.key });
    }
  } finally {
    if (!options.timer) timer.dispose();
  }
  return result;
}
