// The autotuner: times every candidate variant of each site on the device (interleaved rounds, median
// per candidate) and keeps the fastest, within a budget of timed runs and of wall time. A site the budget
// cannot finish keeps its hand-picked variant and is not reported as tuned, so it is tried again later.
import { BufferArena } from '../../gpu/buffers';
import type { EngineContext, PlannedOp, TunableSite } from '../op';
import { deviceTimer, type OpTimer } from './timer';

export interface TuneBudget {
  /** Timed submissions at most, warm-ups included: a site costs candidates x (1 + rounds) + 2 x rounds at most. */
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
  /**
   * A candidate must beat the hand-picked median by this fraction to replace it, in the tuning rounds and
   * again in a confirming head-to-head of the two (noise guard: the rules were chosen by A/B already).
   */
  margin?: number;
  timer?: OpTimer;
  onProgress?: (p: TuneProgress) => void;
  /** Stops before the next site (training starting, the design changing); sites left are untuned. */
  signal?: AbortSignal;
}

export interface TuneResult {
  /** Site key -> chosen variant, for the sites tuned here. */
  choices: Map<string, string>;
  /** Site key -> variant -> median ms per repetition. */
  medians: Map<string, Record<string, number>>;
  /** Timed submissions made. */
  runs: number;
  /** Sites left untuned when the budget ran out or the signal aborted. */
  untuned: string[];
}

class TuningAborted extends Error {}

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

/** Interleaved rounds over `ops` (the order rotated each round): each op's median ms per repetition. */
async function interleaved(timer: OpTimer, ops: readonly PlannedOp[], rounds: number, reps: number) {
  const times: number[][] = ops.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let j = 0; j < ops.length; j++) {
      const i = (j + r) % ops.length;
      times[i].push(await timer.time(ops[i], reps));
    }
  }
  return times.map(median);
}

/**
 * Times a site's candidates, each planned on its own scratch problem, and picks one: the fastest by
 * median, kept only if a head-to-head against the hand-picked kernel confirms the margin.
 */
async function tuneSite(
  device: GPUDevice,
  site: TunableSite,
  timer: OpTimer,
  rounds: number,
  margin: number,
): Promise<{ medians: Record<string, number>; choice: string }> {
  const ctx: EngineContext = { device, arena: new BufferArena(device, `tune/${site.key}`) };
  try {
    const problem = site.problem();
    const ops = site.candidates.map((v) => problem.plan(ctx, v).op);
    // Warm-up: the first run compiles the pipeline; it also sizes the repetitions per run.
    const warm = [];
    for (const op of ops) warm.push(await timer.time(op, 1));
    const fastest = Math.max(Math.min(...warm), 1e-3);
    const reps = Math.max(1, Math.min(MAX_REPS, Math.ceil(RUN_TARGET_MS / fastest)));
    const ms = await interleaved(timer, ops, rounds, reps);
    const medians = Object.fromEntries(site.candidates.map((v, i) => [v, ms[i]]));
    const best = pickFastest(medians, site.handPicked, margin);
    if (best === site.handPicked) return { medians, choice: best };
    const pair = [site.handPicked, best].map((v) => ops[site.candidates.indexOf(v)]);
    const [ruleMs, bestMs] = await interleaved(timer, pair, rounds, reps);
    return { medians, choice: bestMs < ruleMs * (1 - margin) ? best : site.handPicked };
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
  const { budget, rounds = 5, margin = 0.05, onProgress } = options;
  const timer = options.timer ?? deviceTimer(device);
  const counting: OpTimer = {
    method: timer.method,
    time: (op, reps) => {
      // Aborting mid-site drops that site: it is thrown out of tuneSite and counted untuned below.
      if (options.signal?.aborted) throw new TuningAborted();
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
      // Warm-ups, the rounds, and at most one confirming head-to-head.
      const cost = site.candidates.length * (1 + rounds) + 2 * rounds;
      const spent = result.runs + cost > budget.maxRuns || performance.now() - start > budget.maxMs;
      if (spent || options.signal?.aborted) {
        result.untuned.push(...tunable.slice(index).map((s) => s.key));
        break;
      }
      let tunedSite;
      try {
        tunedSite = await tuneSite(device, site, counting, rounds, margin);
      } catch (error) {
        if (!(error instanceof TuningAborted)) throw error;
        result.untuned.push(...tunable.slice(index).map((s) => s.key));
        break;
      }
      const { medians, choice } = tunedSite;
      result.medians.set(site.key, medians);
      result.choices.set(site.key, choice);
      onProgress?.({ done: index + 1, total: tunable.length, key: site.key });
    }
  } finally {
    if (!options.timer) timer.dispose();
  }
  return result;
}
