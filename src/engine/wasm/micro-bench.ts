// A short measurement of a CpuOps backend on LeNet-5's heaviest layers (conv 6->16 5x5 on 14x14 forward,
// input and weight gradients, and Linear 400->120 forward and gradients, at batch 8: about 6.9M
// multiply-adds an iteration), for choosing between backends or thread counts on the user's machine.
// Its arrays stay allocated in the backend until the backend is disposed (about 45K floats).
import type { CpuOps } from '../cpu-ops';

export interface MicroBenchmarkResult {
  iterations: number;
  /** Wall milliseconds per iteration. */
  msPerIteration: number;
}

/** Runs one untimed iteration, then iterations until `budgetMs` have passed (at least `minIterations`). */
export function microBenchmark(ops: CpuOps, budgetMs = 30, minIterations = 2): MicroBenchmarkResult {
  const B = 8;
  const filled = (n: number, seed: number) => {
    const a = ops.alloc(n);
    for (let i = 0; i < n; i++) a[i] = (((i * 7919 + seed) % 1000) / 1000 - 0.5) * 0.2;
    return a;
  };
  const t = (data: Float32Array, shape: number[]) => ({ data, shape });
  const x = t(filled(B * 6 * 14 * 14, 1), [B, 6, 14, 14]);
  const weight = t(filled(16 * 6 * 25, 2), [16, 6, 5, 5]);
  const y = t(filled(B * 16 * 10 * 10, 3), [B, 16, 10, 10]);
  const dx = t(ops.alloc(B * 6 * 14 * 14), [B, 6, 14, 14]);
  const dweight = t(ops.alloc(16 * 6 * 25), [16, 6, 5, 5]);
  const d = { batch: B, inFeatures: 400, outFeatures: 120 };
  const [fx, fw, fy, fdx, fdw] = [
    filled(B * 400, 4),
    filled(120 * 400, 5),
    ops.alloc(B * 120),
    ops.alloc(B * 400),
    ops.alloc(120 * 400),
  ];
  const iteration = () => {
    ops.conv2dForward({ x, weight, y });
    ops.conv2dBackwardInput({ dy: y, weight, dx });
    ops.conv2dBackwardWeight({ x, dy: y, dweight });
    ops.linearForward(fx, fw, null, fy, d);
    ops.linearBackwardInput(fy, fw, fdx, d);
    ops.linearBackwardWeight(fy, fx, fdw, d);
  };
  iteration();
  const t0 = performance.now();
  let iterations = 0;
  while (iterations < minIterations || performance.now() - t0 < budgetMs) {
    iteration();
    iterations++;
  }
  return { iterations, msPerIteration: (performance.now() - t0) / iterations };
}
