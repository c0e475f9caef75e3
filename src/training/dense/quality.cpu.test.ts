// Issue 18's integration tests: the U-Net preset reaches a mean IoU of at least 0.7 and the CenterNet-style
// detector an mAP@0.5 of at least 0.7 on test scenes, each trained with the budget stated below, as the
// playground's dense session trains them (the preset's own 64×64 scenes of 1–3 digits 20–36 px, step k on
// training scenes [16k, 16k + 16) of the seed, weights from the seed). They run on the WebAssembly ops on
// two threads, the fastest backend in Node (about 10 U-Net steps a second where WebGPU on SwiftShader and
// plain JavaScript take about 2 s a step), in the `long` project (`npm run test:long`), minutes each.
import { beforeAll, describe, expect, it } from 'vitest';
import { referenceOps } from '../../engine/cpu-ops';
import { createNodeWasmOps } from '../../engine/wasm/testing/node';
import { DETECTION_HYPER, SEGMENTATION_HYPER } from '../../network/dense-presets';
import { presetSpec } from '../../network/presets';
import type { HostDataset } from '../backend';
import { CpuBackend } from '../cpu-backend';
import { buildDense } from './build';
import { loadMnist, streamOf, testFigures, trainSteps } from './testing';

/** The budgets: optimizer steps of BATCH scenes from SEED, then the figure over TEST_SCENES test scenes. */
const SEED = 1;
const BATCH = 16;
const TEST_SCENES = 256;
const UNET_STEPS = 1200;
const CENTERNET_STEPS = 1200;

let host: HostDataset;

beforeAll(async () => {
  host = await loadMnist();
}, 120_000);

async function train(id: 'unet' | 'centernet', steps: number) {
  const spec = presetSpec(id);
  const hyper = { ...(id === 'unet' ? SEGMENTATION_HYPER : DETECTION_HYPER), seed: SEED, batchSize: BATCH };
  // The dense engine takes its own kernels (and disposes them), as in the worker.
  const backend = new CpuBackend(referenceOps);
  const built = await buildDense(backend, spec, hyper, () => createNodeWasmOps(2));
  const stream = streamOf(host, built.scene, SEED);
  const started = performance.now();
  await trainSteps(built.engine, stream, built.layout, steps, steps);
  const figures = await testFigures(built.engine, stream, built.layout, TEST_SCENES);
  const seconds = (performance.now() - started) / 1000;
  built.engine.destroy();
  backend.destroy();
  return { figures, seconds, side: built.scene.size };
}

describe('the dense presets trained on real MNIST scenes (WebAssembly ops, 2 threads)', () => {
  it(`U-Net: mean IoU at least 0.7 on ${TEST_SCENES} test scenes after ${UNET_STEPS} steps of ${BATCH} scenes, seed ${SEED}`, async () => {
    const { figures, seconds, side } = await train('unet', UNET_STEPS);
    process.stdout.write(
      `U-Net on ${side}×${side} scenes: ${UNET_STEPS} steps in ${seconds.toFixed(0)} s, mean IoU ${figures.meanIoU.toFixed(3)}, pixel accuracy ${(100 * figures.pixelAccuracy).toFixed(2)}%\n`,
    );
    expect(side).toBe(64);
    expect(figures.meanIoU).toBeGreaterThanOrEqual(0.7);
  });

  it(`CenterNet: mAP@0.5 at least 0.7 on ${TEST_SCENES} test scenes after ${CENTERNET_STEPS} steps of ${BATCH} scenes, seed ${SEED}`, async () => {
    const { figures, seconds, side } = await train('centernet', CENTERNET_STEPS);
    process.stdout.write(
      `CenterNet on ${side}×${side} scenes: ${CENTERNET_STEPS} steps in ${seconds.toFixed(0)} s, mAP@0.5 ${figures.mAP.toFixed(3)}\n`,
    );
    expect(side).toBe(64);
    expect(figures.mAP).toBeGreaterThanOrEqual(0.7);
  });
});
