// The kernel part of the printed report: GFLOP/s per LeNet-5 pass and matmul 1024³, and where the time of
// one training step goes, kernel by kernel.

const f = (x, d = 2) => (typeof x === 'number' ? x.toFixed(d) : '—');

export function kernelTables(r, say, table) {
  const k = r.kernels;
  if (!k || k.status === 'error') {
    say(`Kernels: ${k ? k.message : 'not run'}`);
    return;
  }
  const tm = r.tfjsWebgpuMatmul;
  say('Kernel GFLOP/s (ours; conv rows list every variant, * = the one the planner picks):');
  const rows = [
    [`matmul ${k.matmul.size}³`, 'register-tiled', f(k.matmul.ms), f(k.matmul.gflops)],
    [
      `TF.js webgpu matMul ${tm?.size ?? ''}³`,
      '',
      tm?.status === 'ok' ? f(tm.ms) : '—',
      tm?.status === 'ok' ? f(tm.gflops) : (tm?.reason ?? tm?.message ?? '—'),
    ],
    ...k.conv.map((c) => [
      `${c.layer} ${c.pass}`,
      `${c.kernel}${c.chosen ? ' *' : ''}`,
      f(c.ms, 3),
      f(c.gflops),
    ]),
    ...k.linear.map((l) => [`${l.layer} ${l.pass}`, 'matmul', f(l.ms, 3), f(l.gflops)]),
  ];
  table(['pass', 'kernel', 'ms', 'GFLOP/s'], rows, say);
}

export function breakdownTable(r, say, table) {
  for (const b of r.kernels?.breakdown ?? []) {
    say(
      `Training step breakdown, batch ${b.batch}: whole step ${f(b.stepMsWhole)} ms (synced each step); ` +
        `sum of isolated dispatches ${f(b.stepMsSumOfDispatches)} ms` +
        (b.stepGpuMsSumOfDispatches === null
          ? ''
          : `; sum of timestamped dispatches ${f(b.stepGpuMsSumOfDispatches)} ms`) +
        ` (${b.dispatches.length} dispatches)`,
    );
    const total = b.stepMsSumOfDispatches;
    table(
      ['kernel', 'dispatches', 'ms (isolated)', 'share', 'ms (timestamps)'],
      b.byKernel.map((e) => [
        e.kernel,
        e.dispatches,
        f(e.ms, 3),
        `${((100 * e.ms) / total).toFixed(1)}%`,
        f(e.gpuMs, 3),
      ]),
      say,
    );
  }
}
