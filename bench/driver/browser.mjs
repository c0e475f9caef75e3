// Headless Chromium for the benchmark: the system browser (CHROMIUM_PATH overrides) with WebGPU on
// whatever adapter is present, SwiftShader here (see docs/WEBGPU-HEADLESS.md). Every measurement runs in
// a fresh page, so nothing one side leaves behind (pipelines, heap, buffers) weighs on the next.
import { chromium } from '@playwright/test';

/** A browser without WebGPU (Chromium on Linux without the flags below: no adapter). */
export const PLAIN_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const WEBGPU_ARGS = [
  ...PLAIN_ARGS,
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--disable-vulkan-surface',
];

/**
 * The browser (with WebGPU unless `args` say otherwise), launched on first use and again if it has died (a
 * crashed measurement costs only itself).
 */
export function browserHost(args = WEBGPU_ARGS) {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  let browser = null;
  return {
    async get() {
      if (!browser?.isConnected()) browser = await chromium.launch({ executablePath, args });
      return browser;
    },
    async close() {
      await browser?.close().catch(() => undefined);
    },
  };
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Opens the bench page (with `query`), waits until it is ready, and returns it with its console errors. */
export async function openBenchPage(host, origin, query = '') {
  const context = await (await host.get()).newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
  page.on('response', (r) => r.status() >= 400 && errors.push(`HTTP ${r.status()} ${r.url()}`));
  await page.goto(`${origin}/${query}`);
  await page.waitForSelector('#status[data-ready="true"]', { timeout: 60_000 });
  return { page, context, errors };
}

/** Runs one measurement in a fresh bench page; resolves with its JSON or {status: 'error', message}. */
export async function measure(host, origin, name, options, { timeoutMs, query = '' }) {
  const t0 = Date.now();
  let opened;
  try {
    opened = await openBenchPage(host, origin, query);
    const result = await withTimeout(
      opened.page.evaluate(([n, o]) => window.cnnBench.run(n, o), [name, options]),
      timeoutMs,
      `measurement '${name}'`,
    );
    return { ...result, wallSeconds: (Date.now() - t0) / 1000 };
  } catch (error) {
    const pageErrors = opened?.errors.length
      ? ` (page errors: ${opened.errors.slice(0, 3).join(' | ')})`
      : '';
    return { status: 'error', message: `${error.message.split('\n')[0]}${pageErrors}` };
  } finally {
    await opened?.context.close().catch(() => undefined);
  }
}

/** JS heap in use after a full garbage collection, from the DevTools protocol. */
export async function heapAfterGc(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize, totalSize } = await cdp.send('Runtime.getHeapUsage');
    return { usedBytes: usedSize, totalBytes: totalSize };
  } finally {
    await cdp.detach();
  }
}

export { withTimeout };
