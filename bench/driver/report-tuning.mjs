// The autotuning group: LeNet-5's tuned plan against the hand-picked one (bench/node/tuning.ts), per
// tunable site and per whole training step, as ratios hand-picked time / tuned time (>= 1: tuned is faster).
const r3 = (v) => Math.round(v * 1000) / 1000;

export function tuningSummary(t) {
  if (!t) return { status: 'not run' };
  if (t.status !== 'ok') return { status: t.status, reason: t.message ?? t.reason };
  return {
    status: 'ok',
    timing: t.timing,
    tuneSeconds: r3(t.tuneMs / 1000),
    timedRuns: t.runs,
    sites: t.sites.map((s) => ({
      site: s.key,
      handPicked: s.handPicked,
      tuned: s.tuned,
      handPickedOverTuned: r3(s.speedup),
      medianMs: Object.fromEntries(Object.entries(s.medians).map(([k, v]) => [k, r3(v)])),
    })),
    step: {
      handPickedMs: r3(t.step.handPickedMs),
      tunedMs: r3(t.step.tunedMs),
      handPickedOverTuned: r3(t.step.speedup),
    },
    worstSite: r3(Math.min(...t.sites.map((s) => s.speedup))),
  };
}

export function tuningTable(r, say, table) {
  const t = r.tuning;
  if (t?.status !== 'ok') {
    say(`Kernel autotuning: ${t?.status ?? 'not run'}${t?.reason ? `: ${t.reason}` : ''}`);
    return;
  }
  say(
    `Kernel autotuning, LeNet-5 at batch 64 (Node, same adapter; ${t.timing} timing, ${t.timedRuns} timed runs in ${t.tuneSeconds} s):`,
  );
  table(
    ['site', 'hand-picked', 'tuned', 'hand-picked / tuned'],
    [
      ...t.sites.map((s) => [s.site, s.handPicked, s.tuned, `${s.handPickedOverTuned}×`]),
      [
        'whole training step',
        `${t.step.handPickedMs} ms`,
        `${t.step.tunedMs} ms`,
        `${t.step.handPickedOverTuned}×`,
      ],
    ],
    say,
  );
}
