// Issue 14's integration test on the CPU backend: the residual preset (skip connections by Add,
// BatchNorm) trains to at least 98% test accuracy on real MNIST in RESIDUAL_STEPS seeded steps, as on WebGPU.
import { describe, expect, it } from 'vitest';
import { RESIDUAL_STEPS, trainResidual } from './testing/residual-run';

describe('the residual preset on the CPU backend with real MNIST', () => {
  it(`trains to at least 98% test accuracy in ${RESIDUAL_STEPS} steps`, { timeout: 900_000 }, async () => {
    const run = await trainResidual(true);
    process.stdout.write(
      `resnet-mini CPU (${run.backend}): ${RESIDUAL_STEPS} steps in ${run.seconds.toFixed(1)} s, test accuracy ${(run.evaluation.testAccuracy * 100).toFixed(2)}%\n`,
    );
    expect(run.backend).toBe('cpu');
    expect(run.errors).toEqual([]);
    expect(run.evaluation.testAccuracy).toBeGreaterThanOrEqual(0.98);
  });
});
