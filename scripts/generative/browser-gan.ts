// Trains the DCGAN preset from its seed in the built app in headless Chromium, as a class on a machine
// without a GPU would (WebAssembly backend), and prints the Generate panel's live digit score, its step and
// the machine's load average every K seconds, for M minutes (issue 17: "a score of 7 within 15 minutes").
//   npx vite build --outDir dist && npx vite preview --host 127.0.0.1 --port PORT --strictPort &
//   node --import ./scripts/engine-node.mjs scripts/generative/browser-gan.ts http://127.0.0.1:PORT [minutes] [every-s]
import { loadavg } from 'node:os';
import { chromium } from '@playwright/test';

const [url = 'http://127.0.0.1:4173', minutes = '15', everyS = '30'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const context = await browser.newContext({
  viewport: { width: 1280, height: 720 },
  storageState: {
    cookies: [],
    origins: [{ origin: url, localStorage: [{ name: 'cnn-playground/backend/v1', value: 'wasm' }] }],
  },
});
const page = await context.newPage();
await page.goto(url);
await page
  .getByTestId('dataset-status')
  .filter({ hasText: '60,000 training + 10,000 test images loaded' })
  .waitFor({ timeout: 180_000 });
await page.getByRole('tab', { name: 'Generate images', exact: true }).click();
const panel = page.getByRole('region', { name: 'Generate images' });
await panel.getByRole('button', { name: 'GAN', exact: true }).click();
await panel.getByRole('button', { name: 'Train GAN' }).click();
const start = Date.now();
const end = start + Number(minutes) * 60_000;
while (Date.now() < end) {
  await page.waitForTimeout(Number(everyS) * 1000);
  const state = (await panel.getByTestId('generate-state').textContent()) ?? '';
  const score =
    (await panel
      .getByTestId('digit-score')
      .textContent()
      .catch(() => '')) ?? '';
  const seconds = ((Date.now() - start) / 1000).toFixed(0);
  const step = /step (\d+)/.exec(state)?.[1] ?? '?';
  const digit = /Digit score: ([\d.]+)/.exec(score)?.[1] ?? '?';
  const scoredAt = /step (\d+)\./.exec(score)?.[1] ?? '?';
  console.log(
    `${seconds} s: step ${step}, digit score ${digit} (at step ${scoredAt}), load ${loadavg()[0].toFixed(1)}`,
  );
}
await browser.close();
