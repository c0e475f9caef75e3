import { defineConfig } from '@playwright/test';

// e2e runs the built bundle (`vite preview`) in the system Chromium: Playwright cannot download its own
// browsers here. CHROMIUM_PATH overrides the path where another Chromium is installed.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const port = Number(process.env.E2E_PORT ?? 4173);
const baseURL = `http://127.0.0.1:${port}`;

const commonArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// Real WebGPU on SwiftShader, Chromium's CPU Vulkan (see docs/WEBGPU-HEADLESS.md): no GPU needed.
const webgpuArgs = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--disable-vulkan-surface',
];

// SwiftShader is a software fallback adapter, where the automatic choice trains each design on whichever of
// WebGPU and WebAssembly measures faster (WebAssembly: LeNet-5 trains about 4× faster there). So each spec
// runs on the backend a user of this machine trains on: the `app` project's pages start with WebAssembly
// chosen in the backend menu, with WebGPU still present in the browser. The specs about the WebGPU path in
// the browser (its training loop, inspect views, device loss, adapter report, GPU memory, the policy over
// the worker's GPU path) run in the `webgpu` project with WebGPU chosen; backend-choice.spec.ts clears the
// choice. The engine itself is tested on WebGPU by the vitest gpu project.
const backendChosen = (value: 'webgpu' | 'wasm') => ({
  cookies: [],
  origins: [{ origin: baseURL, localStorage: [{ name: 'cnn-playground/backend/v1', value }] }],
});
const WEBGPU_CHOSEN = backendChosen('webgpu');
const WEBGPU_SPECS = /\/(training|inspect|faults|shell|backend-choice|first-look|security)\.spec\.ts$/;

export default defineConfig({
  testDir: 'e2e',
  // Playwright empties this folder when a run starts; separate runs on one machine need separate folders.
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'test-results',
  // One worker: CI machines have two cores, and SwiftShader and the WebAssembly backend each use both (two
  // workers measured no faster, and flakier). E2E_WORKERS overrides it.
  workers: Number(process.env.E2E_WORKERS ?? 1),
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: 'list',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  use: {
    baseURL,
    viewport: { width: 1280, height: 720 },
    trace: 'retain-on-failure',
    // Each test has a fresh browser; an installed service worker would precache MNIST again in the
    // background every time. The offline and security specs opt back in with test.use.
    serviceWorkers: 'block',
  },
  projects: [
    {
      name: 'webgpu',
      testMatch: WEBGPU_SPECS,
      use: {
        storageState: WEBGPU_CHOSEN,
        launchOptions: { executablePath, args: [...commonArgs, ...webgpuArgs] },
      },
    },
    {
      name: 'app',
      testIgnore: [WEBGPU_SPECS, /no-webgpu\.spec\.ts$/],
      use: {
        storageState: backendChosen('wasm'),
        launchOptions: { executablePath, args: [...commonArgs, ...webgpuArgs] },
      },
    },
    {
      name: 'no-webgpu',
      testMatch: /no-webgpu\.spec\.ts$/,
      use: { launchOptions: { executablePath, args: commonArgs } },
    },
  ],
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: baseURL,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
