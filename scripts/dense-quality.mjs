// `npm run dense:quality`: issue 18's quality claims, measured. Trains a dense preset as the playground's
// dense session does (buildDense on the chosen backend, scenes drawn on the host, step k always on training
// scenes [16k, 16k + 16) of the seed, weights from the seed) and reports its test figure every --every
// steps on the first --test test scenes: mean IoU and pixel accuracy for a segmentation preset, mAP at
// IoU 0.5 for the detector. Stops once the figure reaches --target; exits 1 if --steps pass without it.
//   npm run dense:quality -- [--preset unet|fcn|centernet] [--backend wasm|js|webgpu] [--threads N]
//     [--steps N] [--every N] [--test N] [--target F] [--seed N] [--side N]
//     [--digits MIN-MAX] [--scale MIN-MAX] [--clutter N] [--noise N]
// Defaults: the U-Net on 32×32 scenes of 1–2 digits 18–22 pixels tall, on the WebAssembly ops (2 threads),
// up to 1500 steps, checked every 100 on 256 test scenes against 0.7.
// Runs under `node --import ./scripts/engine-node.mjs`, which gives Node WebGPU and TypeScript.
import { parseArgs } from 'node:util';
import { createNodeWasmOps } from '../src/engine/wasm/testing/node.ts';
import { referenceOps } from '../src/engine/cpu-ops.ts';
import { acquireGpu } from '../src/gpu/device.ts';
import { DETECTION_HYPER, SEGMENTATION_HYPER } from '../src/network/dense-presets.ts';
import { CpuBackend } from '../src/training/cpu-backend.ts';
import { buildDense } from '../src/training/dense/build.ts';
import { loadMnist, presetAt, streamOf, testFigures, trainSteps } from '../src/training/dense/testing.ts';

const { values } = parseArgs({
  options: {
    preset: { type: 'string', default: 'unet' },
    backend: { type: 'string', default: 'wasm' },
    threads: { type: 'string', default: '2' },
    steps: { type: 'string', default: '1500' },
    every: { type: 'string', default: '100' },
    test: { type: 'string', default: '256' },
    target: { type: 'string', default: '0.7' },
    seed: { type: 'string', default: '1' },
    side: { type: 'string', default: '32' },
    digits: { type: 'string', default: '1-2' },
    scale: { type: 'string', default: '18-22' },
    clutter: { type: 'string', default: '0' },
    noise: { type: 'string', default: '0' },
  },
});

function refuse(message) {
  process.stderr.write(`dense:quality: ${message}\n`);
  process.exit(2);
}
const whole = (name, min = 1) => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < min)
    refuse(`--${name} must be a whole number of at least ${min}, got ${values[name]}`);
  return n;
};
const range = (name) => {
  const m = /^(\d+)-(\d+)$/.exec(values[name]);
  if (!m) refuse(`--${name} must read MIN-MAX (e.g. 1-2), got ${values[name]}`);
  return [Number(m[1]), Number(m[2])];
};

const PRESETS = { unet: SEGMENTATION_HYPER, fcn: SEGMENTATION_HYPER, centernet: DETECTION_HYPER };
const preset = values.preset;
if (!(preset in PRESETS)) refuse(`--preset must be one of ${Object.keys(PRESETS).join(', ')}, got ${preset}`);
if (!['wasm', 'js', 'webgpu'].includes(values.backend))
  refuse(`--backend must be wasm, js or webgpu, got ${values.backend}`);
const target = Number(values.target);
if (!(target > 0 && target <= 1)) refuse(`--target must be a number in (0, 1], got ${values.target}`);
const [minDigits, maxDigits] = range('digits');
const [minScale, maxScale] = range('scale');
const scene = {
  minDigits,
  maxDigits,
  minScale,
  maxScale,
  clutter: whole('clutter', 0),
  noise: whole('noise', 0),
};
const side = whole('side', 16);
const maxSteps = whole('steps');
const every = whole('every');
const testScenes = whole('test');
const hyper = { ...PRESETS[preset], seed: whole('seed', 0) };
const figure = preset === 'centernet' ? 'mAP' : 'meanIoU';

async function openBackend() {
  // On a CPU backend the dense engine takes its own kernels, as in the worker.
  const cpu = new CpuBackend(referenceOps);
  if (values.backend === 'js')
    return { backend: cpu, cpuOps: async () => referenceOps, name: 'plain JavaScript' };
  if (values.backend === 'wasm') {
    const threads = whole('threads');
    return {
      backend: cpu,
      cpuOps: () => createNodeWasmOps(threads),
      name: `WebAssembly SIMD on ${threads} thread${threads > 1 ? 's' : ''}`,
    };
  }
  const { device, info } = await acquireGpu();
  const { GpuBackend } = await import('../src/training/gpu-backend.ts');
  const backend = new GpuBackend(
    device,
    () => refuse('the WebGPU device was lost'),
    (message) => refuse(`WebGPU error: ${message}`),
  );
  return { backend, cpuOps: async () => referenceOps, name: `WebGPU (${info.vendor} ${info.architecture})` };
}

const host = await loadMnist();
const { backend, cpuOps, name } = await openBackend();
const spec = presetAt(preset, side, scene);
const built = await buildDense(backend, spec, hyper, cpuOps);
const stream = streamOf(host, built.scene, hyper.seed);
const B = built.engine.batch;
console.log(
  `dense:quality: ${spec.name} (${preset}) on ${name}; ${side}×${side} scenes of ${minDigits}–${maxDigits} digits ` +
    `${minScale}–${maxScale} px, clutter ${scene.clutter}, noise ${scene.noise}; seed ${hyper.seed}, batch ${B}, ` +
    `${hyper.optimizer} lr ${hyper.lr}; ${figure === 'mAP' ? 'mAP@0.5' : 'mean IoU'} on test scenes ` +
    `0–${testScenes - 1} every ${every} steps, target ${target}, at most ${maxSteps} steps`,
);
const started = performance.now();
let steps = 0;
let reached = null;
let last = null;
while (steps < maxSteps) {
  const n = Math.min(every, maxSteps - steps);
  const losses = await trainSteps(built.engine, stream, built.layout, n, n, steps);
  steps += n;
  last = await testFigures(built.engine, stream, built.layout, testScenes);
  const seconds = (performance.now() - started) / 1000;
  const shown =
    figure === 'mAP'
      ? `mAP@0.5 ${last.mAP.toFixed(3)}`
      : `mean IoU ${last.meanIoU.toFixed(3)}, pixel accuracy ${(100 * last.pixelAccuracy).toFixed(2)}%`;
  console.log(`step ${steps}: loss ${losses[0].toFixed(4)}, ${shown} (${seconds.toFixed(0)} s)`);
  if (last[figure] >= target) {
    reached = steps;
    break;
  }
}
built.engine.destroy();
backend.destroy();
const seconds = ((performance.now() - started) / 1000).toFixed(0);
if (reached === null) {
  console.log(`MISSED: ${figure} ${last[figure].toFixed(3)} < ${target} after ${steps} steps (${seconds} s)`);
  process.exit(1);
}
console.log(
  `REACHED: ${figure} ${last[figure].toFixed(3)} ≥ ${target} after ${reached} steps of ${B} scenes (${seconds} s)`,
);
process.exit(0);
