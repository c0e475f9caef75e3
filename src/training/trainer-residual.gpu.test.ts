// Issue 14's integration test on WebGPU (SwiftShader in Node): the residual preset (skip connections by
// Add, BatchNorm) trains to at least 98% test accuracy on real MNIST in RESIDUAL_STEPS seeded steps.
import { describe, expect, it } from 'vitest';
import { RESIDUAL_STEPS, trainResidual } from './testing/residual-run';

describe('the residual preset on WebGPU with real MNIST', () => {
  it(`trains to at least 98% test accuracy in ${RESIDUAL_STEPS} steps`, { timeout: 900_000 }, async () => {
    const run = await trainResidual(false);
    process.stdout.write(
      `resnet-mini WebGPU: ${RESIDUAL_STEPS} steps in ${run.seconds.toFixed(1)} s, test accuracy ${(run.evaluation.testAccuracy * 100).toFixed(2)}%\n`,
    );
    expect(run.backend).toBe('webgpu');
    expect(run.errors).toEqual([]);
    expect(run.evaluation.testAccuracy).toBeGreaterThanOrEqual(0.98);
  });
});
