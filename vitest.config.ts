import { defineConfig } from 'vitest/config';

// Two projects: `unit` is pure logic in Node; `gpu` runs WGSL kernels on real WebGPU in Node through
// Dawn's bindings (npm `webgpu`) on SwiftShader. Node rather than browser mode: the engine must run
// headless anyway, and it starts in a second instead of launching Chromium per file.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['src/**/*.gpu.test.ts'],
        },
      },
      {
        test: {
          name: 'gpu',
          environment: 'node',
          include: ['src/**/*.gpu.test.ts'],
          setupFiles: ['src/gpu/testing/node-gpu-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
