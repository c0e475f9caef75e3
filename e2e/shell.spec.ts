import { expect, test } from '@playwright/test';
import { expectDatasetsLoaded } from './app';

test('reports a SwiftShader WebGPU adapter and its features', async ({ page }) => {
  await page.goto('/');
  const status = page.getByRole('region', { name: 'WebGPU status' });
  await expect(status.getByTestId('gpu-architecture')).toBeVisible();
  const vendor = (await status.getByTestId('gpu-vendor').textContent()) ?? '';
  const architecture = (await status.getByTestId('gpu-architecture').textContent()) ?? '';
  expect(architecture === 'swiftshader' || vendor === 'google').toBe(true);
  await status.locator('summary').click();
  await expect(status.getByTestId('gpu-f16')).toHaveText(/^(yes|no)$/);
  await expect(status.getByTestId('gpu-subgroups')).toHaveText(/^(yes|no)$/);
  await expect(status.getByText('maxStorageBufferBindingSize')).toBeVisible();
  await expect(page.getByRole('alert', { name: 'WebGPU unavailable' })).toHaveCount(0);
  // The training worker owns the device and says it trains on WebGPU.
  await expect(page.getByTestId('backend')).toHaveText('WebGPU');
});

test('streams MNIST with a progress bar that rises to 60,000 + 10,000 images', async ({ page }) => {
  await page.goto('/');
  const bar = page.getByRole('progressbar', { name: 'MNIST data' });
  // Sample the bar's value from the page itself, so no intermediate state is missed between polls.
  await page.evaluate(() => {
    const w = window as unknown as { progressSeen: number[] };
    w.progressSeen = [];
    const read = () => {
      const el = document.querySelector('[role="progressbar"][aria-label="MNIST data"]');
      const v = Number(el?.getAttribute('aria-valuenow') ?? NaN);
      if (Number.isFinite(v) && w.progressSeen.at(-1) !== v) w.progressSeen.push(v);
      // Until the bar is full: it is not there yet when the page's load event fires (React's screen loads after).
      if (!(v >= 100)) requestAnimationFrame(read);
    };
    read();
  });
  await expectDatasetsLoaded(page, 60_000);
  await expect(bar).toHaveAttribute('aria-valuenow', '100');
  const seen = await page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
  const between = seen.filter((v) => v > 0 && v < 100);
  expect(between.length, `progress values seen: ${seen.join(', ')}`).toBeGreaterThan(0);
  for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
});

test('has the builder, training, charts and predictions regions', async ({ page }) => {
  await page.goto('/');
  for (const name of ['Network builder', 'Training', 'Charts', 'Predictions']) {
    await expect(page.getByRole('region', { name, exact: true })).toBeVisible();
  }
});
