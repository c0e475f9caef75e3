import { defineConfig } from 'vitest/config';

// Three projects: `unit` is pure logic in Node; `gpu` runs WGSL kernels on real WebGPU in Node through
// Dawn's bindings (npm `webgpu`) on SwiftShader. Node rather than browser mode: the engine must run
// headless anyway, and it starts in a second instead of launching Chromium per file. `long` holds the
// training-quality runs (minutes each on a CPU), kept out of `npm test` so CI stays well under its limit:
// `npm run test:long` runs them.
const LONG = [
  'src/training/trainer-residual.cpu.test.ts',
  'src/training/trainer-residual.gpu.test.ts',
  'src/training/dense/quality.cpu.test.ts',
];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['src/**/*.gpu.test.ts', ...LONG],
        },
      },
      {
        test: {
          name: 'gpu',
          environment: 'node',
          include: ['src/**/*.gpu.test.ts'],
          exclude: LONG,
          setupFiles: ['src/gpu/testing/node-gpu-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'long',
          environment: 'node',
          include: LONG,
          setupFiles: ['src/gpu/testing/node-gpu-setup.ts'],
          testTimeout: 900_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
